using System.CommandLine;
using System.Globalization;
using LandQuality.Rules.Validation;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary>
/// <c>lq rules check FILE…</c>: validates rule-set files without a database — RulesEngine structure,
/// our metadata, and every expression compiled against the parcel facts — and prints every problem
/// with its rule and position. Exit code 1 when any file has an error (warnings alone pass). The
/// version commands (<c>list</c>, <c>add</c>, <c>publish</c>, …) hang under the same <c>rules</c> command.
/// </summary>
public static class RulesCommand
{
    public static Command Create()
    {
        var command = new Command("rules", "Rule sets: check files; list, add, compare and publish their versions.");
        command.Subcommands.Add(CreateCheck());
        foreach (var versionCommand in RuleVersionCommands.Create())
            command.Subcommands.Add(versionCommand);
        return command;
    }

    static Command CreateCheck()
    {
        var files = new Argument<FileInfo[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "RulesEngine workflow JSON files." };
        var check = new Command("check", "Validate rule-set files: structure, metadata and every expression against the parcel facts.");
        check.Arguments.Add(files);
        check.SetAction(async (ParseResult pr, CancellationToken ct) => await Task.Run(() => Check(pr.GetValue(files)!, ct), ct));
        return check;
    }

    /// <summary>Checks each file and prints its problems; 0 when no file has an error.</summary>
    internal static int Check(IReadOnlyList<FileInfo> files, CancellationToken ct)
    {
        var failed = 0;
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            var problems = file.Exists
                ? RuleSetChecker.CheckFile(file.FullName)
                : [new RuleProblem(ProblemLevel.Error, file.Name, null, "file not found")];
            var errors = problems.Count(p => p.Level == ProblemLevel.Error);
            var warnings = problems.Count - errors;
            failed += errors > 0 ? 1 : 0;
            var errorStyle = errors > 0 ? "red" : "green";
            var warningStyle = warnings > 0 ? "yellow" : "default";
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[bold]{Markup.Escape(file.FullName)}[/]: [{errorStyle}]{errors} error(s)[/], [{warningStyle}]{warnings} warning(s)[/]"));
            foreach (var problem in problems)
                AnsiConsole.MarkupLine($"  [{(problem.Level == ProblemLevel.Error ? "red" : "yellow")}]{Markup.Escape(problem.ToString()).Replace("\n", "\n  ", StringComparison.Ordinal)}[/]");
        }
        return failed == 0 ? 0 : 1;
    }
}
