using System.Diagnostics;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Loading;
using Npgsql;

namespace LandQuality.Benchmarks;

/// <summary>Part (a) of the evaluation benchmark: rates of both sides, the core's CPU time, and whether they agreed.</summary>
public sealed record CoreComparison(int Rules, long CoreParcels, double CoreSeconds, double CoreCpuSeconds, long ReferenceParcels, double ReferenceSeconds, bool SameResults)
{
    public double CoreRate => CoreParcels / CoreSeconds;
    public double ReferenceRate => ReferenceParcels / ReferenceSeconds;
    /// <summary>Processor time per parcel over all threads, in microseconds: what a faster core must cut.</summary>
    public double CoreCpuMicrosecondsPerParcel => CoreCpuSeconds * 1e6 / CoreParcels;
}

/// <summary>
/// (a) the compiled core against a loop over RulesEngine's own ExecuteAllRulesAsync on the same
/// facts: every imported parcel after the first batch through the core (batches in parallel, as a
/// run does), the first <c>referenceSample</c> of them through RulesEngine, and their findings
/// compared on that sample. The first batch warms both sides up and is not measured: until the
/// runtime has recompiled the hot methods (tier 0 to optimised, in the background, after 30 calls
/// and a pause) and the helpers' caches hold anything, the core ran its first 5,000 parcels at
/// about 20 µs each instead of 3 µs; a run that evaluates a million parcels pays that once. Each
/// side is timed while the database server is idle (<see cref="WaitForIdleServerAsync"/>).
/// </summary>
public static class CoreBenchmark
{
    public static async Task<CoreComparison> RunAsync(NpgsqlDataSource db, string ruleSetContent, int referenceSample, Action<string> log, CancellationToken ct)
    {
        var workflows = RuleSetFile.Parse(ruleSetContent);
        var core = CompiledRuleSet.Compile(workflows);
        var reference = new ReferenceEvaluator(workflows);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // Both sides compile before the clock starts (RulesEngine compiles on its first call).
        await reference.EvaluateAsync(new ParcelFacts { ParcelId = "warm-up", CommuneCode = "00000", EvaluatedOn = today }, ct);
        core.Evaluate(new ParcelFacts { ParcelId = "warm-up", CommuneCode = "00000", EvaluatedOn = today });
        var setWide = await SetWideFacts.LoadAsync(db, null, ct);
        long coreParcels = 0, referenceParcels = 0;
        double coreSeconds = 0, referenceSeconds = 0;
        var coreCpu = TimeSpan.Zero;
        var same = true;
        var warmedUp = false;
        await using var monitor = await db.OpenConnectionAsync(ct);
        using var process = Process.GetCurrentProcess();
        // Facts are read outside the timings: both sides evaluate the same objects.
        await foreach (var facts in ParcelFactsReader.ReadAsync(db, setWide, null, null, today, ParcelFactsReader.DefaultBatchSize, ct))
        {
            if (!warmedUp)
            {
                core.Evaluate(facts, ct: ct);
                foreach (var parcel in facts)
                    await reference.EvaluateAsync(parcel, ct);
                warmedUp = true;
                continue;
            }
            await WaitForIdleServerAsync(monitor, ct);
            CollectYoungGenerations();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var t = Stopwatch.StartNew();
            var fast = core.Evaluate(facts, ct: ct);
            coreSeconds += t.Elapsed.TotalSeconds;
            process.Refresh();
            coreCpu += process.TotalProcessorTime - cpu;
            coreParcels += facts.Count;
            if (referenceParcels >= referenceSample)
                continue;
            var slice = facts.Take((int)Math.Min(facts.Count, referenceSample - referenceParcels)).ToList();
            await WaitForIdleServerAsync(monitor, ct);
            CollectYoungGenerations();
            t.Restart();
            var slow = new List<Finding>();
            foreach (var parcel in slice)
                slow.AddRange(await reference.EvaluateAsync(parcel, ct));
            referenceSeconds += t.Elapsed.TotalSeconds;
            referenceParcels += slice.Count;
            var ids = slice.Select(p => p.ParcelId).ToHashSet(StringComparer.Ordinal);
            same &= Key(fast.Where(f => ids.Contains(f.ParcelId))).SequenceEqual(Key(slow));
        }
        var result = new CoreComparison(core.Rules.Count, coreParcels, coreSeconds, coreCpu.TotalSeconds, referenceParcels, referenceSeconds, same);
        log($"(a) core {result.CoreRate:N0} parcels/s ({result.CoreCpuMicrosecondsPerParcel:F2} µs CPU a parcel), " +
            $"RulesEngine loop {result.ReferenceRate:N0} parcels/s, {result.CoreRate / result.ReferenceRate:F1}×, same results: {same}");
        return result;
    }

    /// <summary>
    /// Waits (at most a quarter of a second) until no other session of this database is working: the
    /// queries streaming the facts go on producing rows after each batch until the client's socket is
    /// full (then they wait on ClientWrite), and on 2 cores that read-ahead took a core from the timed
    /// evaluation. Measured in a harness: the core's rate rose 22–28% when it was left to finish first.
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
    /// copy, the reader's cost, landed inside whichever side ran first, always the core; measured in a
    /// harness, it took 13–19% of the core's time. Each side now starts from the same empty young generation.
    /// </summary>
    static void CollectYoungGenerations() => GC.Collect(1, GCCollectionMode.Forced, blocking: true);

    static IEnumerable<string> Key(IEnumerable<Finding> findings) =>
        findings.Select(f => $"{f.ParcelId}|{f.RuleName}|{f.Message}|{f.IsRuleError}").Order(StringComparer.Ordinal);
}
