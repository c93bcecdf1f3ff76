using System.Diagnostics;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Loading;
using Npgsql;

namespace LandQuality.Benchmarks;

/// <summary>One compiled core measured: the layers it had, its rate and CPU time, and whether it gave RulesEngine's findings.</summary>
/// <param name="SampleSeconds">Its time on the batches RulesEngine's loop evaluated too.</param>
public sealed record CoreRun(CoreLayers Layers, long Parcels, double Seconds, double CpuSeconds, double SampleSeconds, bool SameResults)
{
    public double Rate => Parcels / Seconds;
    /// <summary>Processor time per parcel over all threads, in microseconds: what a faster core must cut.</summary>
    public double CpuMicrosecondsPerParcel => CpuSeconds * 1e6 / Parcels;
}

/// <summary>Part (a) of the evaluation benchmark: rates of both sides, the core's CPU time, and whether they agreed.</summary>
/// <param name="Cores">The core with every layer first, then any variants measured beside it.</param>
public sealed record CoreComparison(int Rules, IReadOnlyList<CoreRun> Cores, long ReferenceParcels, double ReferenceSeconds)
{
    public CoreRun Core => Cores[0];
    public long CoreParcels => Core.Parcels;
    public double CoreSeconds => Core.Seconds;
    public double CoreRate => Core.Rate;
    public double CoreCpuMicrosecondsPerParcel => Core.CpuMicrosecondsPerParcel;
    public double ReferenceRate => ReferenceParcels / ReferenceSeconds;
    public bool SameResults => Cores.All(c => c.SameResults);

    /// <summary>How many times faster than RulesEngine's loop <paramref name="core"/> evaluated the same sample batches.</summary>
    public double Speedup(CoreRun core) => ReferenceSeconds / core.SampleSeconds;
}

/// <summary>
/// (a) the compiled core against a loop over RulesEngine's own ExecuteAllRulesAsync on the same
/// facts: every imported parcel after the first batch through the core (batches in parallel, as a
/// run does), the first <c>referenceSample</c> of them (rounded up to whole batches) through
/// RulesEngine too, and their findings compared on that sample. The speed-up is taken on the
/// sample, each of its batches timed on both sides one right after the other, so that both meet the
/// same load of the shared machine; the core's rate is over all parcels. The first batch warms both sides up and is not measured: until the
/// runtime has recompiled the hot methods (tier 0 to optimised, in the background, after 30 calls
/// and a pause) and the helpers' caches hold anything, the core runs several times slower; a run
/// that evaluates a million parcels pays that once. Each side is timed while the database server is
/// idle (<see cref="WaitForIdleServerAsync"/>). Variants of the core (other <see cref="CoreLayers"/>)
/// evaluate each batch too, one after the other in an order that turns with every batch, so that a
/// slower stretch of the shared machine falls on all of them alike.
/// </summary>
public static class CoreBenchmark
{
    /// <summary>The core with every layer, then with each layer off in turn.</summary>
    public static IReadOnlyList<CoreLayers> EachLayerOff { get; } =
        [CoreLayers.All, .. Enum.GetValues<CoreLayers>().Where(l => l is not CoreLayers.None and not CoreLayers.All).Select(l => CoreLayers.All & ~l)];

    public static async Task<CoreComparison> RunAsync(NpgsqlDataSource db, string ruleSetContent, int referenceSample, Action<string> log,
        CancellationToken ct, IReadOnlyList<CoreLayers>? variants = null)
    {
        variants ??= [CoreLayers.All];
        var workflows = RuleSetFile.Parse(ruleSetContent);
        var cores = variants.Select(layers => CompiledRuleSet.Compile(workflows, layers: layers)).ToArray();
        var reference = new ReferenceEvaluator(workflows);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // Both sides compile before the clock starts (RulesEngine compiles on its first call).
        await reference.EvaluateAsync(new ParcelFacts { ParcelId = "warm-up", CommuneCode = "00000", EvaluatedOn = today }, ct);
        foreach (var core in cores)
            core.Evaluate(new ParcelFacts { ParcelId = "warm-up", CommuneCode = "00000", EvaluatedOn = today });
        var setWide = await SetWideFacts.LoadAsync(db, null, ct);
        var parcels = new long[cores.Length];
        var seconds = new double[cores.Length];
        var cpu = new TimeSpan[cores.Length];
        var sampleSeconds = new double[cores.Length];
        var same = Enumerable.Repeat(true, cores.Length).ToArray();
        long referenceParcels = 0, batches = 0;
        double referenceSeconds = 0;
        var warmedUp = false;
        await using var monitor = await db.OpenConnectionAsync(ct);
        using var process = Process.GetCurrentProcess();
        // Facts are read outside the timings: both sides evaluate the same objects.
        await foreach (var facts in ParcelFactsReader.ReadAsync(db, setWide, null, null, today, ParcelFactsReader.DefaultBatchSize, ct))
        {
            if (!warmedUp)
            {
                foreach (var core in cores)
                    core.Evaluate(facts, ct: ct);
                foreach (var parcel in facts)
                    await reference.EvaluateAsync(parcel, ct);
                warmedUp = true;
                continue;
            }
            var findings = new List<Finding>[cores.Length];
            var inSample = referenceParcels < referenceSample;
            for (var k = 0; k < cores.Length; k++)
            {
                var i = (int)((batches + k) % cores.Length);
                await WaitForIdleServerAsync(monitor, ct);
                CollectYoungGenerations();
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var t = Stopwatch.StartNew();
                findings[i] = cores[i].Evaluate(facts, ct: ct);
                seconds[i] += t.Elapsed.TotalSeconds;
                if (inSample)
                    sampleSeconds[i] += t.Elapsed.TotalSeconds;
                process.Refresh();
                cpu[i] += process.TotalProcessorTime - cpuBefore;
                parcels[i] += facts.Count;
            }
            batches++;
            if (!inSample)
                continue;
            await WaitForIdleServerAsync(monitor, ct);
            CollectYoungGenerations();
            var clock = Stopwatch.StartNew();
            var slow = new List<Finding>();
            foreach (var parcel in facts)
                slow.AddRange(await reference.EvaluateAsync(parcel, ct));
            referenceSeconds += clock.Elapsed.TotalSeconds;
            referenceParcels += facts.Count;
            var expected = Key(slow).ToList();
            for (var i = 0; i < cores.Length; i++)
                same[i] &= Key(findings[i]).SequenceEqual(expected);
        }
        var runs = variants.Select((layers, i) => new CoreRun(layers, parcels[i], seconds[i], cpu[i].TotalSeconds, sampleSeconds[i], same[i])).ToList();
        var result = new CoreComparison(cores[0].Rules.Count, runs, referenceParcels, referenceSeconds);
        foreach (var run in runs)
            log($"(a) core{Describe(run.Layers)} {run.Rate:N0} parcels/s ({run.CpuMicrosecondsPerParcel:F2} µs CPU a parcel), " +
                $"RulesEngine loop {result.ReferenceRate:N0} parcels/s, {result.Speedup(run):F1}× on the same {referenceParcels:N0} parcels, same results: {run.SameResults}");
        return result;
    }

    /// <summary>" without X" for a core lacking one layer, "" for all of them.</summary>
    public static string Describe(CoreLayers layers) =>
        layers == CoreLayers.All ? "" : " without " + (CoreLayers.All & ~layers).ToString().Replace(", ", " and ", StringComparison.Ordinal);

    /// <summary>
    /// Waits (at most a quarter of a second) until no other session of this database is working: the
    /// queries streaming the facts go on producing rows after each batch until the client's socket is
    /// full (then they wait on ClientWrite), and on 2 cores that read-ahead would take a core from the
    /// timed evaluation.
    /// </summary>
    static async Task WaitForIdleServerAsync(NpgsqlConnection monitor, CancellationToken ct)
    {
        await using var busy = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() " +
            "AND state = 'active' AND wait_event IS DISTINCT FROM 'ClientWrite'", monitor);
        var waited = Stopwatch.StartNew();
        while ((long)(await busy.ExecuteScalarAsync(ct))! > 0 && waited.ElapsedMilliseconds < 250)
            await Task.Delay(1, ct);
    }

    /// <summary>
    /// Untimed, before each side: the reader has just allocated the batch, and the first young-generation
    /// collection after that copies all of it (it is alive) into an older generation. Without this, that
    /// copy, the reader's cost, would land inside whichever side runs first. Each side starts from the
    /// same empty young generation.
    /// </summary>
    static void CollectYoungGenerations() => GC.Collect(1, GCCollectionMode.Forced, blocking: true);

    static IEnumerable<string> Key(IEnumerable<Finding> findings) =>
        findings.Select(f => $"{f.ParcelId}|{f.RuleName}|{f.Message}|{f.IsRuleError}").Order(StringComparer.Ordinal);
}
