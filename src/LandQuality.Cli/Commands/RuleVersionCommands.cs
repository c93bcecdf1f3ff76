using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LandQuality.Rules.Runs;
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

        var onlySet = new Option<string?>("--rule-set") { Description = "Only this rule set (all when left out)." };
        var lang = CliLanguage.Option();
        var list = new Command("list", "List versions: published (in force), draft (waiting to be published), superseded (never "
            + "published, a later version was) or retired (published, then replaced); who added and published each, when, and why.");
        list.Options.Add(onlySet);
        list.Options.Add(lang);
        list.SetAction(async (parse, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            var language = parse.GetValue(lang)!;
            var en = language == "en";
            var table = new Table().AddColumns(en ? "rule set" : "bộ quy tắc", en ? "version" : "phiên bản", en ? "status" : "trạng thái",
                en ? "added" : "thêm", en ? "published" : "công bố", en ? "hash" : "mã băm", en ? "note" : "ghi chú");
            var versions = await new RuleSetStore(database).ListAsync(parse.GetValue(onlySet), ct);
            foreach (var v in versions)
            {
                var standing = RuleSetStandings.Of(v, versions);
                var status = Markup.Escape(standing.Label(language));
                table.AddRow(Markup.Escape(v.RuleSet), v.Version.ToString(Inv), standing == RuleSetStanding.Published ? $"[green]{status}[/]" : status,
                    Markup.Escape(string.Create(Inv, $"{v.CreatedAt:yyyy-MM-dd HH:mm} {v.Author}")),
                    Markup.Escape(v.PublishedAt is { } at ? string.Create(Inv, $"{at:yyyy-MM-dd HH:mm} {v.PublishedBy}") : ""),
                    v.ContentHash[..12], Markup.Escape(string.Join('\n', new[] { v.ChangeNote, v.PublishNote }.OfType<string>())));
            }
            AnsiConsole.Write(table);
            return 0;
        });

        var file = new Argument<FileInfo>("FILE") { Description = "RulesEngine workflow JSON." };
        var note = new Option<string?>("--note") { Description = "Why this version exists." };
        var add = new Command("add", "Check FILE and store it as the next draft version (nothing is stored when the check fails).");
        add.Arguments.Add(file);
        add.Options.Add(note);
        add.SetAction((parse, ct) => WithDatabase(async database =>
        {
            var store = new RuleSetStore(database);
            var v = await store.AddDraftAsync(parse.GetValue(ruleSet)!,
                await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, ct), CliDatabase.ImportedBy, parse.GetValue(note), ct);
            // Content already stored comes back as that version, which may be long published, retired or superseded.
            var standing = RuleSetStandings.Of(v, await store.ListAsync(v.RuleSet, ct));
            AnsiConsole.MarkupLineInterpolated(Inv, $"{v.RuleSet} v{v.Version} is {standing.Label("en")} (hash {v.ContentHash[..12]}).");
        }, ct));

        var version = new Argument<int>("VERSION");
        var evaluate = new Option<bool>("--evaluate")
        {
            Description = "Then evaluate every parcel under the version just published, as lq evaluate does (for the rule set in force this sets the verdicts and closes the cases of parcels now clean).",
        };
        var force = new Option<bool>("--force") { Description = $"Publish even though a rule threw on more than {RuleErrorCounts.PublishLimitPercent} % of the sampled parcels (needs --reason)." };
        var reason = new Option<string?>("--reason") { Description = "Why it is published anyway (with --force); kept as the version's note." };
        var publish = new Command("publish", $"Publish a draft (checked again, and refused when a rule throws on more than {RuleErrorCounts.PublishLimitPercent} % "
            + string.Create(Inv, $"of a sample of {RuleErrorSample.DefaultSize:N0} parcels); the version it replaces is retired."));
        publish.Arguments.Add(version);
        publish.SetAction((parse, ct) => WithDatabase(ForceReason(parse.GetValue(force), parse.GetValue(reason)), async (database, forced) =>
        {
            var v = await new RuleSetStore(database).PublishAsync(parse.GetValue(ruleSet)!, parse.GetValue(version), CliDatabase.ImportedBy, forced, ct);
            AnsiConsole.MarkupLineInterpolated(Inv, $"{v.RuleSet} v{v.Version} is published.");
            if (v.PublishNote is { } kept)
                AnsiConsole.MarkupLineInterpolated(Inv, $"Ghi chú đã lưu / note kept: {kept}");
            if (parse.GetValue(evaluate))
                await EvaluatePublishedAsync(database, v.RuleSet, ct);
        }, ct));

        var rollback = new Command("rollback", "Publish an older version's content as a new version (history is kept); sampled for rule errors like any publish.");
        rollback.Arguments.Add(version);
        rollback.SetAction((parse, ct) => WithDatabase(ForceReason(parse.GetValue(force), parse.GetValue(reason)), async (database, forced) =>
        {
            var v = await new RuleSetStore(database).RollbackAsync(parse.GetValue(ruleSet)!, parse.GetValue(version), CliDatabase.ImportedBy, forced, ct);
            AnsiConsole.MarkupLineInterpolated(Inv, $"{v.RuleSet} v{v.Version} (content of v{parse.GetValue(version)}) is published.");
            if (parse.GetValue(evaluate))
                await EvaluatePublishedAsync(database, v.RuleSet, ct);
        }, ct));
        foreach (var c in new[] { publish, rollback })
        {
            c.Options.Add(force);
            c.Options.Add(reason);
            c.Options.Add(evaluate);
        }

        var from = new Argument<int>("FROM");
        var to = new Argument<int>("TO");
        var diff = new Command("diff", "Rules added, removed and changed between two versions.");
        diff.Arguments.Add(from);
        diff.Arguments.Add(to);
        diff.SetAction((parse, ct) => WithDatabase(async database =>
        {
            var store = new RuleSetStore(database);
            var name = parse.GetValue(ruleSet)!;
            var a = await store.GetAsync(name, parse.GetValue(from), ct) ?? throw new InvalidOperationException($"{name} has no version {parse.GetValue(from)}.");
            var b = await store.GetAsync(name, parse.GetValue(to), ct) ?? throw new InvalidOperationException($"{name} has no version {parse.GetValue(to)}.");
            var table = new Table().AddColumns("change", "workflow", "rule", "what changed", $"v{a.Version}", $"v{b.Version}");
            foreach (var d in RuleSetDiff.Compare(a.Content, b.Content))
                table.AddRow(d.Change.ToString().ToLowerInvariant(), Markup.Escape(d.Workflow), Markup.Escape(d.RuleName),
                    Markup.Escape(string.Join(", ", d.ChangedParts)), Markup.Escape(Side(d.Before)), Markup.Escape(Side(d.After)));
            foreach (var p in RuleSetDiff.CompareParameters(a.Content, b.Content))
                table.AddRow("param", Markup.Escape(p.Workflow), Markup.Escape(p.Name), "GlobalParams", Markup.Escape(p.Before ?? ""), Markup.Escape(p.After ?? ""));
            AnsiConsole.Write(table);
        }, ct));

        var json = new Option<bool>("--json") { Description = "Print the report as JSON (rule_errors: {rule: parcels})." };
        var preview = new Command("preview", "Impact of a draft before publishing: parcels newly failing or passing per rule and dimension, "
            + "and apart from them the draft's rule errors (rules that threw, per rule).");
        preview.Arguments.Add(version);
        preview.Options.Add(json);
        preview.SetAction((parse, ct) => WithDatabase(async database =>
        {
            var store = new RuleSetStore(database);
            var name = parse.GetValue(ruleSet)!;
            var draft = await store.GetAsync(name, parse.GetValue(version), ct) ?? throw new InvalidOperationException($"{name} has no version {parse.GetValue(version)}.");
            var published = await store.GetPublishedAsync(name, ct) ?? throw new InvalidOperationException($"{name} has no published version to compare with.");
            var report = await new ImpactPreview(database).RunAsync(published, draft, ct);
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(report, EvaluateCommand.JsonOptions));
            else
                ImpactReportPrinter.Print(name, report);
        }, ct));

        var show = new Command("show", "Print a version's JSON exactly as stored.");
        show.Arguments.Add(version);
        show.SetAction((parse, ct) => WithDatabase(async database =>
        {
            var name = parse.GetValue(ruleSet)!;
            var v = await new RuleSetStore(database).GetAsync(name, parse.GetValue(version), ct)
                ?? throw new InvalidOperationException($"{name} has no version {parse.GetValue(version)}.");
            Console.WriteLine(v.Content);
        }, ct));

        foreach (var c in new[] { add, publish, rollback, diff, preview, show })
            c.Options.Add(ruleSet);
        return [list, add, publish, rollback, diff, preview, show];
    }

    /// <summary>The reason a forced publish keeps; null when not forced. --force needs a reason, and a reason needs --force.</summary>
    static string? ForceReason(bool force, string? reason)
    {
        if (force && string.IsNullOrWhiteSpace(reason))
            throw new InvalidOperationException("--force needs --reason \"why\": the reason is kept with the version.");
        if (!force && reason is not null)
            throw new InvalidOperationException("--reason goes with --force; without --force nothing is overridden.");
        return force ? reason : null;
    }

    /// <summary>As <see cref="WithDatabase(Func{Data.Database, Task}, CancellationToken)"/>, with a value worked out (and refused, if so) before the database is opened.</summary>
    static Task<int> WithDatabase<T>(T value, Func<Data.Database, T, Task> action, CancellationToken ct) =>
        WithDatabase(database => action(database, value), ct);

    /// <summary>Runs a version command on the database; a refused request (a file that fails its check, no such version) ends in CliFailure's one line.</summary>
    static async Task<int> WithDatabase(Func<Data.Database, Task> action, CancellationToken ct)
    {
        await using var database = await CliDatabase.OpenAsync(ct);
        await action(database);
        return 0;
    }

    /// <summary>What a side of the diff shows: the expression and the rule's parameters.</summary>
    static string Side(RuleSide? side) => side is null ? "" :
        string.Join("; ", new[] { side.Expression ?? "" }.Concat(side.Parameters.Select(kv => $"{kv.Key} = {kv.Value}")).Where(x => x.Length > 0));

    /// <summary>The re-evaluation a publish offers: a whole run of the version now in force, its summary printed as lq evaluate prints it.</summary>
    static async Task EvaluatePublishedAsync(Data.Database database, string ruleSet, CancellationToken ct)
    {
        var summary = await new EvaluationRunner(database).RunAsync(new EvaluationRequest(CliDatabase.ImportedBy, ruleSet), null, ct);
        EvaluateCommand.Print(summary, en: false);
    }
}
