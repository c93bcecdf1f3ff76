using System.CommandLine;
using System.Globalization;
using LandQuality.Rules.Validation;
using LandQuality.Rules.Versions;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary>
/// <c>lq rules check FILE…</c>: validates rule-set files without a database — RulesEngine structure,
/// our metadata, and every expression compiled against the parcel facts — and prints every problem
/// with its rule and position. Exit code 1 when any file has an error (warnings alone pass). With
/// <c>--sample [N]</c> it also opens the database and runs each file over a sample of its parcels, as
/// publishing does, reporting the rules that threw (exit code 1 above the publish limit). The
/// version commands (<c>list</c>, <c>add</c>, <c>publish</c>, …) hang under the same <c>rules</c> command.
/// </summary>
public static class RulesCommand
{
    public static Command Create()
    {
        var command = new Command("rules", "Rule sets: check files; the reference of fields and helpers; list, add, compare and publish their versions.");
        command.Subcommands.Add(CreateCheck());
        command.Subcommands.Add(RuleFieldsCommand.Create());
        foreach (var versionCommand in RuleVersionCommands.Create())
            command.Subcommands.Add(versionCommand);
        return command;
    }

    static Command CreateCheck()
    {
        var files = new Argument<FileInfo[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "RulesEngine workflow JSON files." };
        var sample = new Option<int?>("--sample")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = $"After FILE: also run each file's rules over a sample of N parcels in the database (default {RuleErrorSample.DefaultSize}) "
                + $"and report the rules that threw; fails when one threw on more than {RuleErrorCounts.PublishLimitPercent} %, as publishing would.",
        };
        var check = new Command("check", "Validate rule-set files: structure, metadata and every expression against the parcel facts; "
            + "with --sample, also the rule errors over the database's parcels.");
        check.Arguments.Add(files);
        check.Options.Add(sample);
        check.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var checkedFiles = pr.GetValue(files)!;
            var code = await Task.Run(() => Check(checkedFiles, ct), ct);
            // Without --sample the check stays offline; a value-less --sample means the default size.
            if (pr.GetResult(sample) is null)
                return code;
            var size = pr.GetValue(sample) ?? RuleErrorSample.DefaultSize;
            return Math.Max(code, await SampleAsync(checkedFiles, size, ct));
        });
        return check;
    }

    /// <summary>
    /// Runs each readable file that passed its check over a sample of the database's parcels and prints
    /// every rule that threw; 1 when one threw on more than the publish limit.
    /// </summary>
    static async Task<int> SampleAsync(IReadOnlyList<FileInfo> files, int size, CancellationToken ct)
    {
        await using var database = await CliDatabase.OpenAsync(ct);
        var failed = false;
        foreach (var file in files.Where(f => f.Exists))
        {
            var content = await File.ReadAllTextAsync(file.FullName, ct);
            if (RuleSetStore.Check(content).Any(p => p.Level == ProblemLevel.Error))
                continue; // reported above; it cannot run
            var counts = await new RuleErrorSample(database).RunAsync(content, size, ct);
            var above = counts.AboveLimit;
            failed |= above.Count > 0;
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[bold]{Markup.Escape(file.FullName)}[/]: ")
                + Markup.Escape(counts.Rules.Count == 0
                    ? string.Create(CultureInfo.GetCultureInfo("vi-VN"), $"không quy tắc nào lỗi trên {counts.Parcels:N0} thửa mẫu")
                        + string.Create(CultureInfo.InvariantCulture, $" — no rule threw on {counts.Parcels:N0} sampled parcels")
                    : string.Create(CultureInfo.GetCultureInfo("vi-VN"), $"{counts.Rules.Count:N0} quy tắc lỗi trên mẫu {counts.Parcels:N0} thửa")
                        + string.Create(CultureInfo.InvariantCulture, $" — {counts.Rules.Count:N0} rule(s) threw on a sample of {counts.Parcels:N0} parcels")));
            foreach (var rule in counts.Rules)
                AnsiConsole.MarkupLine($"  [{(above.Contains(rule) ? "red" : "yellow")}]{Markup.Escape(counts.Line(rule))}[/]");
        }
        if (failed)
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[red]Quy tắc lỗi trên hơn {RuleErrorCounts.PublishLimitPercent} % số thửa mẫu: bản này sẽ không được công bố — "
                + $"a rule threw on more than {RuleErrorCounts.PublishLimitPercent} % of the sampled parcels: publishing would refuse it.[/]"));
        return failed ? 1 : 0;
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
