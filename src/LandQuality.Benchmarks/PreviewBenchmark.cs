using System.Diagnostics;
using LandQuality.Data;
using LandQuality.Rules.Drafts;
using LandQuality.Rules.Drafts.Previews;
using LandQuality.Rules.Runs;
using LandQuality.Rules.Versions;

namespace LandQuality.Benchmarks;

/// <param name="Evaluations">Seconds of each full evaluation run, in the order run.</param>
/// <param name="Previews">Seconds of each background preview on all data, each run right after the evaluation of the same index.</param>
public sealed record PreviewBenchmarkResult(long Parcels, int PublishedRules, int DraftRules, int PublishedVersion, IReadOnlyList<double> Evaluations,
    IReadOnlyList<double> Previews, long AffectedLines, long CsvGzipBytes, long NewlyFailing, long NewlyPassing, string LoadAverage)
{
    /// <summary>The preview's time over the evaluation's, over all passes (each pass meets the machine's load of its moment).</summary>
    public double Ratio => Previews.Sum() / Evaluations.Sum();
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
        await BenchDatabase.RequireOwnAsync(database.DataSource, ct);
        var store = new RuleSetStore(database);
        var shipped = ShippedRuleSets.All.Where(s => s.RuleSet == "default").ToList();
        if ((await store.GetPublishedAsync("default", ct))?.ContentHash != RuleSetStore.Hash(shipped[^1].Content))
            await store.PublishAsync("default", (await store.AddDraftAsync("default", shipped[^1].Content, "bench", "shipped rule set", ct)).Version, "bench", ct);
        var published = (await store.GetPublishedAsync("default", ct))!;
        var previous = await store.AddDraftAsync("default", shipped[^2].Content, "bench", "shipped rule set", ct);
        var draft = await new RuleDraftService(database).CreateAsync("default", previous.Version, "bench", ct);

        var (evaluations, previews) = (new List<double>(), new List<double>());
        DraftPreviewView? last = null;
        for (var pass = 0; pass < passes; pass++)
        {
            await VacuumAsync(database, ct);
            var clock = Stopwatch.StartNew();
            var summary = await new EvaluationRunner(database).RunAsync(new EvaluationRequest("bench"), null, ct);
            evaluations.Add(clock.Elapsed.TotalSeconds);
            log($"pass {pass + 1}: full evaluation {evaluations[^1]:F1} s ({summary.ParcelsEvaluated:N0} parcels)");
            await VacuumAsync(database, ct);

            var queue = new DraftPreviewQueue(database);
            var (queued, _) = await queue.RequestAsync("default", draft.Id, "bench", again: true, ct);
            clock.Restart();
            if (!await new DraftPreviewRunner(database).RunNextAsync(ct))
                throw new InvalidOperationException("The queued preview was not found.");
            previews.Add(clock.Elapsed.TotalSeconds);
            last = await queue.GetAsync("default", draft.Id, queued.PreviewId, ct);
            if (last.Status != "completed")
                throw new InvalidOperationException($"The preview ended {last.Status}: {last.Error}");
            log($"pass {pass + 1}: background preview {previews[^1]:F1} s ({last.AffectedLines:N0} affected lines)");
        }
        var gzip = await new DraftPreviewQueue(database).AffectedParcelsAsync("default", draft.Id, last!.PreviewId, ct);
        var report = last.Report!;
        return new PreviewBenchmarkResult(report.Parcels, Rules(published.Content), Rules(previous.Content), published.Version, evaluations, previews,
            last.AffectedLines ?? 0, gzip.LongLength, report.Rules.Sum(r => r.NewlyFailing), report.Rules.Sum(r => r.NewlyPassing), LoadAverage());
    }

    static int Rules(string content) => LandQuality.Rules.Loading.RuleSetFile.Parse(content).Sum(w => w.Rules?.Count() ?? 0);

    /// <summary>Untimed: a run rewrites every status row and appends findings, and autovacuum would otherwise run inside the next measurement.</summary>
    static async Task VacuumAsync(Database database, CancellationToken ct)
    {
        await using var vacuum = database.DataSource.CreateCommand("VACUUM (ANALYZE) findings, parcel_status");
        await vacuum.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The machine's 1, 5 and 15-minute load averages at the end, as /proc/loadavg gives them; other work shares the 2 cores.</summary>
    static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}

public static class PreviewBenchmarkReport
{
    public static string ToMarkdown(PreviewBenchmarkResult r, string command) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"""
        ## Impact preview on all data (`{command}`)

        {r.Parcels:N0} generated Huế parcels; published: the shipped default rule set v{r.PublishedVersion} ({r.PublishedRules} rules); draft: the shipped version before it ({r.DraftRules} rules), measured {DateTime.UtcNow:yyyy-MM-dd} in one run, load average at the end {r.LoadAverage}.

        | pass | full evaluation run, s | background preview on all data, s | preview ÷ evaluation |
        |---|---:|---:|---:|
        {string.Join("\n", r.Evaluations.Select((e, i) => $"| {i + 1} | {e:F1} | {r.Previews[i]:F1} | {r.Previews[i] / e:F2}× |"))}
        | all | {r.Evaluations.Sum():F1} | {r.Previews.Sum():F1} | **{r.Ratio:F2}×** |

        - The evaluation run reads, evaluates the published version and stores findings and statuses (the daily case: the same data evaluated again). The preview reads the same data once and evaluates both versions on the same facts, then stores its report and its affected parcels ({r.AffectedLines:N0} lines, {r.CsvGzipBytes / 1048576.0:F1} MiB gzip-compressed); {r.NewlyFailing:N0} rule failures new under the draft, {r.NewlyPassing:N0} gone. Alternating passes, so both meet the same load of the shared machine.
        - Goal: the preview within 2× a full evaluation's time.
        """);
}
