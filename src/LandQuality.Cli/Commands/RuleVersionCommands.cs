using System.CommandLine;
using System.Globalization;
using LandQuality.Rules.Versions;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary>
/// <c>lq rules list | add | diff | preview | publish | rollback | show</c>: the versions of rule sets in
/// PostgreSQL. A file that fails its check is never stored, and the published version stays in force.
/// </summary>
static class RuleVersionCommands
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IEnumerable<Command> Create()
    {
        var ruleSet = new Option<string>("--rule-set") { Description = "Rule set name.", DefaultValueFactory = _ => "default" };

        var list = new Command("list", "List versions with status, author, time and change note.");
        list.SetAction(async (parse, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            var table = new Table().AddColumns("rule set", "version", "status", "author", "created", "hash", "note");
            foreach (var v in await new RuleSetStore(database).ListAsync(null, ct))
                table.AddRow(v.RuleSet, v.Version.ToString(Inv), v.Status.ToString().ToLowerInvariant(), Markup.Escape(v.Author),
                    v.CreatedAt.ToString("yyyy-MM-dd HH:mm", Inv), v.ContentHash[..12], Markup.Escape(v.ChangeNote ?? ""));
            AnsiConsole.Write(table);
            return 0;
        });

        var file = new Argument<FileInfo>("FILE") { Description = "RulesEngine workflow JSON." };
        var note = new Option<string?>("--note") { Description = "Why this version exists." };
        var add = new Command("add", "Check FILE and store it as the next draft version (nothing is stored when the check fails).");
        add.Arguments.Add(file);
        add.Options.Add(note);
        add.SetAction((parse, ct) => Guarded(async database =>
        {
            var v = await new RuleSetStore(database).AddDraftAsync(parse.GetValue(ruleSet)!,
                await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, ct), CliDatabase.ImportedBy, parse.GetValue(note), ct);
            AnsiConsole.MarkupLineInterpolated(Inv, $"{v.RuleSet} v{v.Version} is {v.Status.ToString().ToLowerInvariant()} (hash {v.ContentHash[..12]}).");
        }, ct));

        var version = new Argument<int>("VERSION");
        var publish = new Command("publish", "Publish a draft (checked again); the version it replaces is retired.");
        publish.Arguments.Add(version);
        publish.SetAction((parse, ct) => Guarded(async database =>
        {
            var v = await new RuleSetStore(database).PublishAsync(parse.GetValue(ruleSet)!, parse.GetValue(version), CliDatabase.ImportedBy, ct);
            AnsiConsole.MarkupLineInterpolated(Inv, $"{v.RuleSet} v{v.Version} is published.");
        }, ct));

        var rollback = new Command("rollback", "Publish an older version's content as a new version (history is kept).");
        rollback.Arguments.Add(version);
        rollback.SetAction((parse, ct) => Guarded(async database =>
        {
            var v = await new RuleSetStore(database).RollbackAsync(parse.GetValue(ruleSet)!, parse.GetValue(version), CliDatabase.ImportedBy, ct);
            AnsiConsole.MarkupLineInterpolated(Inv, $"{v.RuleSet} v{v.Version} (content of v{parse.GetValue(version)}) is published.");
        }, ct));

        var from = new Argument<int>("FROM");
        var to = new Argument<int>("TO");
        var diff = new Command("diff", "Rules added, removed and changed between two versions.");
        diff.Arguments.Add(from);
        diff.Arguments.Add(to);
        diff.SetAction((parse, ct) => Guarded(async database =>
        {
            var store = new RuleSetStore(database);
            var name = parse.GetValue(ruleSet)!;
            var a = await store.GetAsync(name, parse.GetValue(from), ct) ?? throw new InvalidOperationException($"{name} has no version {parse.GetValue(from)}.");
            var b = await store.GetAsync(name, parse.GetValue(to), ct) ?? throw new InvalidOperationException($"{name} has no version {parse.GetValue(to)}.");
            var table = new Table().AddColumns("change", "workflow", "rule", "what changed");
            foreach (var d in RuleSetDiff.Compare(a.Content, b.Content))
                table.AddRow(d.Change.ToString().ToLowerInvariant(), d.Workflow, d.RuleName, string.Join(", ", d.ChangedParts));
            AnsiConsole.Write(table);
        }, ct));

        var preview = new Command("preview", "Impact of a draft before publishing: parcels newly failing or passing per rule and dimension.");
        preview.Arguments.Add(version);
        preview.SetAction((parse, ct) => Guarded(async database =>
        {
            var store = new RuleSetStore(database);
            var name = parse.GetValue(ruleSet)!;
            var draft = await store.GetAsync(name, parse.GetValue(version), ct) ?? throw new InvalidOperationException($"{name} has no version {parse.GetValue(version)}.");
            var published = await store.GetPublishedAsync(name, ct) ?? throw new InvalidOperationException($"{name} has no published version to compare with.");
            var report = await new ImpactPreview(database).RunAsync(published, draft, ct);
            AnsiConsole.MarkupLineInterpolated(Inv, $"{name} v{report.DraftVersion} against published v{report.PublishedVersion} over {report.Parcels:N0} parcels:");
            foreach (var (title, lines) in new[] { ("dimension", report.Dimensions), ("rule", report.Rules) })
            {
                var table = new Table().AddColumns(title, "failing now", "failing under draft", "newly failing", "newly passing");
                foreach (var l in lines)
                    table.AddRow(l.Key, l.FailingNow.ToString("N0", Inv), l.FailingUnderDraft.ToString("N0", Inv), l.NewlyFailing.ToString("N0", Inv), l.NewlyPassing.ToString("N0", Inv));
                AnsiConsole.Write(table);
            }
        }, ct));

        var show = new Command("show", "Print a version's JSON exactly as stored.");
        show.Arguments.Add(version);
        show.SetAction((parse, ct) => Guarded(async database =>
        {
            var name = parse.GetValue(ruleSet)!;
            var v = await new RuleSetStore(database).GetAsync(name, parse.GetValue(version), ct)
                ?? throw new InvalidOperationException($"{name} has no version {parse.GetValue(version)}.");
            Console.WriteLine(v.Content);
        }, ct));

        foreach (var c in new[] { list, add, publish, rollback, diff, preview, show })
            c.Options.Add(ruleSet);
        return [list, add, publish, rollback, diff, preview, show];
    }

    /// <summary>Runs a version command; a refused request is one clear line on stderr and exit code 1.</summary>
    static async Task<int> Guarded(Func<Data.Database, Task> action, CancellationToken ct)
    {
        await using var database = await CliDatabase.OpenAsync(ct);
        try
        {
            await action(database);
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or RuleSetRejectedException)
        {
            await Console.Error.WriteLineAsync($"lq rules: {e.Message}");
            return 1;
        }
    }
}
