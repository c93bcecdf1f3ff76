using System.CommandLine;
using System.Globalization;
using LandQuality.Review.Definitions;
using LandQuality.Review.Runtime;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq workflows check FILE…</c> and <c>lq workflows graph NAME [--version N]</c>: review workflow definitions.</summary>
public static class WorkflowsCommand
{
    public static Command Create()
    {
        var workflows = new Command("workflows", "Review workflow definitions (workflows/<id>/<version>.json).");

        var files = new Argument<FileInfo[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "Workflow JSON files." };
        var check = new Command("check", "Validate workflow files; every problem is printed with its path.");
        check.Arguments.Add(files);
        check.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var failed = 0;
            foreach (var file in parse.GetValue(files)!)
                if (!await CheckAsync(file, ct))
                    failed++;
            return failed == 0 ? 0 : 1;
        });

        var name = new Argument<string>("NAME") { Description = "Workflow id: the folder under workflows/." };
        var version = new Option<int?>("--version") { Description = "Version to draw (default: the highest)." };
        var language = new Option<string>("--lang") { Description = "Label language.", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong("en", "vi");
        var graph = new Command("graph", "Print a workflow as a Mermaid state diagram.");
        graph.Arguments.Add(name);
        graph.Options.Add(version);
        graph.Options.Add(language);
        graph.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var path = VersionPath(parse.GetValue(name)!, parse.GetValue(version));
            if (path is null)
                return 1;
            var load = WorkflowFile.Parse(await File.ReadAllTextAsync(path, ct));
            if (load.Definition is null)
            {
                PrintProblems(path, load.Problems);
                return 1;
            }
            // Raw text, so the diagram can be piped into a .mmd file unwrapped.
            AnsiConsole.Profile.Out.Writer.Write(WorkflowDiagram.Mermaid(load.Definition, vietnamese: parse.GetValue(language) == "vi"));
            return 0;
        });

        workflows.Subcommands.Add(check);
        workflows.Subcommands.Add(graph);
        return workflows;
    }

    static async Task<bool> CheckAsync(FileInfo file, CancellationToken ct)
    {
        if (!file.Exists)
        {
            Say("red", "error", $"{file.FullName}: no such file");
            return false;
        }
        var load = WorkflowFile.Parse(await File.ReadAllTextAsync(file.FullName, ct));
        var problems = load.Problems.Concat(PlacementProblems(file, load.Definition)).ToList();
        if (problems.Count > 0)
        {
            PrintProblems(file.FullName, problems);
            return false;
        }
        var definition = load.Definition!;
        Say("green", "ok", $"{file.FullName}: {definition.Id} version {definition.Version}, {definition.Stages.Count} stages");
        return true;
    }

    // workflows/<id>/<n>.json must hold workflow <id> version <n>: the store keys versions by both.
    static IEnumerable<WorkflowProblem> PlacementProblems(FileInfo file, WorkflowDefinition? definition)
    {
        if (definition is null || !int.TryParse(Path.GetFileNameWithoutExtension(file.Name), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            yield break;
        if (number != definition.Version)
            yield return new("version", $"is {definition.Version} but the file is named {file.Name}");
        if (file.Directory is { } folder && folder.Name != definition.Id)
            yield return new("id", $"is \"{definition.Id}\" but the file is in folder {folder.Name}/");
    }

    static void PrintProblems(string path, IReadOnlyList<WorkflowProblem> problems)
    {
        foreach (var problem in problems)
            Say("red", "error", $"{path}: {problem}");
    }

    /// <summary>workflows/NAME/N.json under LQ_REPO (set by the ./lq wrapper) or the current folder; N defaults to the highest.</summary>
    static string? VersionPath(string name, int? version)
    {
        var root = Environment.GetEnvironmentVariable("LQ_REPO") is { Length: > 0 } repo ? repo : Directory.GetCurrentDirectory();
        var folder = Path.Combine(root, "workflows", name);
        var versions = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.json")
                .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
                .Where(n => n > 0).Order().ToList()
            : [];
        var chosen = version ?? (versions.Count > 0 ? versions[^1] : null);
        if (chosen is { } n && versions.Contains(n))
            return Path.Combine(folder, n.ToString(CultureInfo.InvariantCulture) + ".json");
        Say("red", "error", versions.Count == 0
            ? $"no workflow versions in {folder}"
            : $"{name} has no version {chosen}; versions: {string.Join(", ", versions)}");
        return null;
    }

    // One line per file or problem, "error path: message", so editors and CI logs can jump to it.
    // Spectre wraps at 80 columns when output is redirected; there the line is written as it is.
    static void Say(string color, string label, string text)
    {
        if (AnsiConsole.Profile.Capabilities.Ansi)
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[{color}]{label}[/] {text}");
        else
            AnsiConsole.Profile.Out.Writer.WriteLine($"{label} {text}");
    }
}
