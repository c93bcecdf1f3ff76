using System.CommandLine;
using System.Globalization;
using LandQuality.Review.Cases;
using LandQuality.Review.Definitions;
using LandQuality.Review.Runtime;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary>
/// <c>lq workflows check FILE…</c>, <c>graph NAME [--version N]</c> (files under workflows/), and the stored versions:
/// <c>add FILE [--note]</c>, <c>publish [ID] N [--workflow ID]</c>, <c>list [--workflow ID]</c>.
/// </summary>
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

        var file = new Argument<FileInfo>("FILE") { Description = "A workflow JSON file whose \"version\" is the next version of its workflow." };
        var note = new Option<string?>("--note") { Description = "Why this version: kept with it." };
        var add = new Command("add", "Validate a workflow file and store it as the next version of its workflow, as a draft (nothing is stored when it has problems).");
        add.Arguments.Add(file);
        add.Options.Add(note);
        add.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var source = parse.GetValue(file)!;
            if (!source.Exists)
            {
                Say("red", "error", $"{source.FullName}: no such file");
                return 1;
            }
            await using var database = await CliDatabase.OpenAsync(ct);
            try
            {
                var added = await new WorkflowStore(database).AddAsync(await File.ReadAllTextAsync(source.FullName, ct), CliDatabase.ImportedBy, parse.GetValue(note), ct);
                var v = added.Version;
                Say("green", "ok", added.AlreadyStored
                    ? $"{source.FullName}: the same content is already stored as {v.WorkflowId} version {v.Version} ({(v.IsPublished ? "published" : "draft")}); nothing added"
                    : $"{source.FullName}: stored as {v.WorkflowId} version {v.Version} (draft); publish it with: lq workflows publish {v.WorkflowId} {v.Version}");
                return 0;
            }
            catch (WorkflowRejectedException e)
            {
                PrintProblems(source.FullName, e.Problems);
                return 1;
            }
        });

        var target = new Argument<string[]>("[ID] N") { Arity = new ArgumentArity(1, 2), Description = "The version to publish, optionally after the workflow id." };
        var workflowOption = new Option<string>("--workflow") { Description = "Workflow id when only N is given.", DefaultValueFactory = _ => CaseOpener.DefaultWorkflow };
        var publish = new Command("publish", "Make a stored version the published one: new cases open on it; open cases stay on the version they were opened with.");
        publish.Arguments.Add(target);
        publish.Options.Add(workflowOption);
        publish.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var values = parse.GetValue(target)!;
            var id = values.Length == 2 ? values[0] : parse.GetValue(workflowOption)!;
            if (!int.TryParse(values[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                Say("red", "error", $"'{values[^1]}' is not a version number (lq workflows publish [ID] N)");
                return 1;
            }
            await using var database = await CliDatabase.OpenAsync(ct);
            // No such workflow or version ends in CliFailure's one line.
            var done = await new WorkflowStore(database).PublishAsync(id, number, CliDatabase.ImportedBy, ct);
            Say("green", "ok", $"{id} version {number} is published"
                + (done.PreviousVersion is { } before && before != number ? $" (was version {before}; cases opened on it stay on it)" : ""));
            return 0;
        });

        var listWorkflow = new Option<string?>("--workflow") { Description = "Only this workflow." };
        var list = new Command("list", "Stored workflow versions: published, draft (never published) or retired (published before), who added and published them, when, and the cases on each.");
        list.Options.Add(listWorkflow);
        list.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            var inv = CultureInfo.InvariantCulture;
            var table = new Table().AddColumns("workflow", "version", "status", "added", "note", "published", "cases (open)");
            foreach (var (v, cases, open) in await new WorkflowStore(database).ListAsync(parse.GetValue(listWorkflow), ct))
                table.AddRow(Markup.Escape(v.WorkflowId), v.Version.ToString(inv), v.IsPublished ? "[green]published[/]" : v.PublishedAt is null ? "draft" : "retired",
                    Markup.Escape(string.Create(inv, $"{v.CreatedAt:yyyy-MM-dd HH:mm} {v.CreatedBy ?? "(shipped)"}")), Markup.Escape(v.Note ?? ""),
                    Markup.Escape(v.PublishedAt is { } at ? string.Create(inv, $"{at:yyyy-MM-dd HH:mm} {v.PublishedBy}") : ""),
                    string.Create(inv, $"{cases:N0} ({open:N0})"));
            AnsiConsole.Write(table);
            return 0;
        });

        foreach (var c in new[] { check, graph, add, publish, list })
            workflows.Subcommands.Add(c);
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
