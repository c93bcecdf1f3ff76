using System.Diagnostics;
using LandQuality.Data;
using LandQuality.Rules.Drafts;
using LandQuality.Rules.Drafts.Previews;
using LandQuality.Rules.Runs;
using LandQuality.Rules.Versions;

namespace LandQuality.Benchmarks;

/// <summary>One draft's background previews: seconds per pass, and what the last one found.</summary>
public sealed record PreviewRuns(string Draft, IReadOnlyList<double> Seconds, long AffectedLines, long CsvGzipBytes, long NewlyFailing, long NewlyPassing);

/// <param name="Evaluations">Seconds of each full evaluation run, in the order run.</param>
/// <param name="Drafts">Each draft's previews, each pass's run right after the evaluation of the same index.</param>
public sealed record PreviewBenchmarkResult(long Parcels, int PublishedRules, int PublishedVersion, IReadOnlyList<double> Evaluations,
    IReadOnlyList<PreviewRuns> Drafts, string LoadAverage)
{
    /// <summary>A draft's preview time over the evaluation's, over all passes (each pass meets the machine's load of its moment).</summary>
    public double Ratio(PreviewRuns runs) => runs.Seconds.Sum() / Evaluations.Sum();
}

/// <summary>
/// <c>lq bench preview</c>: the impact preview of a draft on all data, as the editor's background preview runs it
/// (read, both versions evaluated, report and affected parcels stored), against a full evaluation run of the
/// published version on the same data, alternating in one process so both meet the same load. The draft is the
/// shipped default rule set's previous version, opened as a draft against the newest, published.
/// </summary>
public static class PreviewBenchmark
{
    public static async Task<PreviewBenchmarkResult> RunAsync(Database database, int passes, Action<string> log, CancellationToken ct)
    {
        await BenchDatabase.RequireOwnAsync(database.Batch, ct);
        var store = new RuleSetStore(database);
        var shipped = ShippedRuleSets.All.Where(s => s.RuleSet == "default").ToList();
        if ((await store.GetPublishedAsync("default", ct))?.ContentHash != RuleSetStore.Hash(shipped[^1].Content))
            await store.PublishAsync("default", (await store.AddDraftAsync("default", shipped[^1].Content, "bench", "shipped rule set", ct)).Version, "bench", ct);
        var published = (await store.GetPublishedAsync("default", ct))!;
        // A realistic draft (the version before, three rules fewer) and the heaviest one for the affected-parcel file:
        // a new rule that every parcel fails, a line per parcel.
        (string Name, string Content)[] contents =
        [
            ($"the shipped version before it ({Rules(shipped[^2].Content)} rules)", shipped[^2].Content),
            ("the published version plus a rule every parcel fails", WithRuleFailingEverywhere(published.Content)),
        ];
        var drafts = new List<(string Name, long Id)>();
        foreach (var (name, content) in contents)
        {
            var version = await store.AddDraftAsync("default", content, "bench", "preview benchmark draft", ct);
            drafts.Add((name, (await new RuleDraftService(database).CreateAsync("default", version.Version, "bench", ct)).Id));
        }

        var evaluations = new List<double>();
        var seconds = drafts.Select(_ => new List<double>()).ToList();
        var last = new DraftPreviewView?[drafts.Count];
        for (var pass = 0; pass < passes; pass++)
        {
            await VacuumAsync(database, ct);
            var clock = Stopwatch.StartNew();
            var summary = await new EvaluationRunner(database).RunAsync(new EvaluationRequest("bench"), null, ct);
            evaluations.Add(clock.Elapsed.TotalSeconds);
            log($"pass {pass + 1}: full evaluation {evaluations[^1]:F1} s ({summary.ParcelsEvaluated:N0} parcels)");
            await VacuumAsync(database, ct);
            for (var d = 0; d < drafts.Count; d++)
            {
                var queue = new DraftPreviewQueue(database);
                var (queued, _) = await queue.RequestAsync("default", drafts[d].Id, "bench", again: true, ct);
                clock.Restart();
                if (!await new DraftPreviewRunner(database).RunNextAsync(ct))
                    throw new InvalidOperationException("The queued preview was not found.");
                seconds[d].Add(clock.Elapsed.TotalSeconds);
                last[d] = await queue.GetAsync("default", drafts[d].Id, queued.PreviewId, ct);
                if (last[d]!.Status != "completed")
                    throw new InvalidOperationException($"The preview ended {last[d]!.Status}: {last[d]!.Error}");
                log($"pass {pass + 1}: background preview of {drafts[d].Name} {seconds[d][^1]:F1} s ({last[d]!.AffectedLines:N0} affected lines)");
            }
        }
        var runs = new List<PreviewRuns>();
        for (var d = 0; d < drafts.Count; d++)
        {
            var gzip = await new DraftPreviewQueue(database).AffectedParcelsAsync("default", drafts[d].Id, last[d]!.PreviewId, ct);
            var report = last[d]!.Report!;
            runs.Add(new PreviewRuns(drafts[d].Name, seconds[d], last[d]!.AffectedLines ?? 0, gzip.LongLength,
                report.Rules.Sum(r => r.NewlyFailing), report.Rules.Sum(r => r.NewlyPassing)));
        }
        return new PreviewBenchmarkResult(last[0]!.Report!.Parcels, Rules(published.Content), published.Version, evaluations, runs, LoadAverage());
    }

    /// <summary>The content with one more warning rule in its first workflow, one no parcel passes (every parcel has an id).</summary>
    static string WithRuleFailingEverywhere(string content)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(content)!;
        var first = (root is System.Text.Json.Nodes.JsonArray workflows ? workflows[0] : root)!;
        first["Rules"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""
            { "RuleName": "bench_fails_everywhere", "Expression": "input1.ParcelId == null", "ErrorMessage": "bench",
              "Properties": { "dimension": "correct", "severity": "warning", "stage": "commune", "message_vi": "thử", "message_en": "bench" } }
            """));
        return root.ToJsonString();
    }

    static int Rules(string content) => LandQuality.Rules.Loading.RuleSetFile.Parse(content).Sum(w => w.Rules?.Count() ?? 0);

    /// <summary>Untimed: a run rewrites every status row and appends findings, and autovacuum would otherwise run inside the next measurement.</summary>
    static async Task VacuumAsync(Database database, CancellationToken ct)
    {
        await using var vacuum = database.Batch.CreateCommand("VACUUM (ANALYZE) findings, parcel_status");
        await vacuum.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The machine's 1, 5 and 15-minute load averages at the end, as /proc/loadavg gives them; other work shares the 2 cores.</summary>
    static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}

public static class PreviewBenchmarkReport
{
    public static string ToMarkdown(PreviewBenchmarkResult r, string command)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var header = string.Join(" | ", r.Drafts.Select((_, i) => $"preview of draft {(char)('A' + i)}, s | ÷ evaluation"));
        var rows = r.Evaluations.Select((e, p) => string.Create(c,
            $"| {p + 1} | {e:F1} | {string.Join(" | ", r.Drafts.Select(d => string.Create(c, $"{d.Seconds[p]:F1} | {d.Seconds[p] / e:F2}×")))} |"));
        var all = string.Create(c, $"| all | {r.Evaluations.Sum():F1} | {string.Join(" | ", r.Drafts.Select(d => string.Create(c, $"{d.Seconds.Sum():F1} | **{r.Ratio(d):F2}×**")))} |");
        var drafts = r.Drafts.Select((d, i) => string.Create(c,
            $"- Draft {(char)('A' + i)}: {d.Draft}; {d.NewlyFailing:N0} rule failures new under it, {d.NewlyPassing:N0} gone; its affected parcels {d.AffectedLines:N0} lines, {d.CsvGzipBytes / 1048576.0:F1} MiB gzip-compressed."));
        return string.Create(c, $"""
            ## Impact preview on all data (`{command}`)

            {r.Parcels:N0} generated Huế parcels; published: the shipped default rule set (v{r.PublishedVersion} in this database, {r.PublishedRules} rules), measured {DateTime.UtcNow:yyyy-MM-dd} in one run, load average at the end {r.LoadAverage} (other work shares the 2 cores).

            | pass | full evaluation run, s | {header} |
            |---|---:|{string.Concat(r.Drafts.Select(_ => "---:|---:|"))}
            {string.Join("\n", rows)}
            {all}

            {string.Join("\n", drafts)}
            - The evaluation run reads, evaluates the published version and stores findings and statuses (the daily case: the same data evaluated again). The preview runs as the editor's background preview does: it reads the same data once, evaluates both versions on the same facts, and stores its report and its affected parcels. Passes alternate, so both meet the same load of the shared machine.
            - Goal: the preview within 2× a full evaluation's time.
            """);
    }
}
