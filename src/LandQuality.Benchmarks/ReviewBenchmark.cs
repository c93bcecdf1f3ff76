using System.Collections.Concurrent;
using System.Diagnostics;
using LandQuality.Audit;
using LandQuality.Data;
using LandQuality.Review.Cases;
using LandQuality.Review.Queue;
using Npgsql;

namespace LandQuality.Benchmarks;

/// <summary>One load level: what the reviewers achieved and how long claims and decisions took.</summary>
/// <param name="ClaimP99FromStartMs">Claim p99 counted from the reviewers' synchronized start, the unmeasured lead-in included.</param>
/// <param name="ReadP50Ms">Reading the whole case after the claim, when the load reads it (<c>lq bench web</c>).</param>
public sealed record ReviewLoadResult(string Load, double Seconds, long Decisions, double ClaimP50Ms, double ClaimP99Ms,
    double DecideP50Ms, double DecideP99Ms, double ClaimP99FromStartMs, double ReadP50Ms = double.NaN, double ReadP99Ms = double.NaN)
{
    public double DecisionsPerSecond => Decisions / Seconds;
}

public sealed record ReviewBenchmarkResult(long OpenCases, int Reviewers, int ThinkMs, int PoolSize, ReviewLoadResult WithThinkTime,
    ReviewLoadResult ClosedLoop, bool NoDoubleClaims, long LostDecisions, bool AuditIntact);

/// <summary>
/// <c>lq bench review</c>: simulated reviewers (each a commune officer) claim the next task, read it
/// for a think time, and submit a correction, concurrently, against a real PostgreSQL holding the
/// open cases. A second run of the same reviewers with no think time measures the closed-loop
/// maximum. Afterwards: no task claimed twice, every acknowledged decision stored, history intact.
/// </summary>
public static class ReviewBenchmark
{
    /// <summary>
    /// Each load level first runs this long unmeasured at its own load. It warms up (JIT, statement
    /// preparation on every pooled connection), and it lets the reviewers spread out: all of them start
    /// in the same millisecond, so their first claims queue behind each other until think times have
    /// scattered them (about 3 s at 300 ms). Claim p99 counted from that start is reported too.
    /// </summary>
    public static readonly TimeSpan LeadIn = TimeSpan.FromSeconds(5);

    public static async Task<ReviewBenchmarkResult> RunAsync(Database database, int cases, int reviewers, TimeSpan duration, int thinkMs,
        int poolSize, Action<string> log, CancellationToken ct)
    {
        var (opened, users) = await PrepareAsync(database, cases, reviewers, ct);
        log($"{opened:N0} cases open; {reviewers} reviewers, {duration.TotalSeconds:F0} s with {thinkMs} ms think time, then {duration.TotalSeconds:F0} s without (each after {LeadIn.TotalSeconds:F0} s unmeasured)");

        var claimed = new ConcurrentBag<long>();
        var acknowledged = new ConcurrentBag<string>();
        var withThink = await RunLoadAsync(database, users, duration, thinkMs, claimed, acknowledged, ct);
        log($"with think time: {withThink.DecisionsPerSecond:N0} decisions/s");
        var closed = await RunLoadAsync(database, users, duration, 0, claimed, acknowledged, ct);
        log($"closed loop: {closed.DecisionsPerSecond:N0} decisions/s");

        var audit = await AuditVerifier.VerifyAsync(database.Batch, ct);
        return new ReviewBenchmarkResult(opened, reviewers, thinkMs, poolSize, withThink, closed, claimed.Count == claimed.Distinct().Count(),
            await LostDecisionsAsync(database, acknowledged, ct), audit.Intact);
    }

    /// <summary>
    /// A fresh queue: the review tables emptied, <paramref name="cases"/> cases opened, demo reviewers seeded; the users are
    /// commune officers spread over the province's communes. Analysed, as autovacuum would have done by the time reviewers start.
    /// </summary>
    internal static async Task<(long Opened, List<string> Users)> PrepareAsync(Database database, int cases, int reviewers, CancellationToken ct)
    {
        await BenchDatabase.RequireOwnAsync(database.Batch, ct);
        await using (var reset = database.Batch.CreateCommand(
            "TRUNCATE review_tasks, corrections, attachments, task_operations, review_cases, audit_events, audit_heads"))
            await reset.ExecuteNonQueryAsync(ct);
        var opened = await new CaseOpener(database).OpenAsync("bench", ct, limit: cases);
        var perCommune = (int)Math.Ceiling(reviewers / 40.0);
        await DemoReviewers.SeedAsync(database, Reference.ReferenceData.HueProvinceCode, perCommune, 5, ct);
        var communes = Reference.ReferenceData.Current.CommunesOf(Reference.ReferenceData.HueProvinceCode).Select(c => c.Code).ToList();
        var users = Enumerable.Range(0, reviewers).Select(i => $"xa.{communes[i % communes.Count]}.{i / communes.Count + 1}").ToList();
        await using (var analyze = database.Batch.CreateCommand("VACUUM ANALYZE review_tasks, review_cases, audit_heads, audit_events"))
            await analyze.ExecuteNonQueryAsync(ct);
        return (opened, users);
    }

    /// <param name="thinkMs">Mean time a reviewer reads a claimed case before deciding (uniform between half and 1.5×); 0 for a closed loop.</param>
    /// <remarks>A cycle (claim, think, decide) is measured when its claim starts after <see cref="LeadIn"/>; every claim counts from the start.</remarks>
    /// <param name="readCase">Read the whole case between claim and decision, as a reviewer's screen does (<c>lq bench web</c>'s comparison).</param>
    internal static async Task<ReviewLoadResult> RunLoadAsync(Database database, List<string> users, TimeSpan duration, int thinkMs,
        ConcurrentBag<long> claimed, ConcurrentBag<string> acknowledged, CancellationToken ct, bool readCase = false)
    {
        var claims = new ConcurrentBag<double>();
        var claimsFromStart = new ConcurrentBag<double>();
        var decides = new ConcurrentBag<double>();
        var reads = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(users.Select((user, n) => Task.Run(async () =>
        {
            var random = new Random(n);
            var queue = new ReviewQueue(database);
            var service = new DecisionService(database);
            while (clock.Elapsed < LeadIn + duration && !ct.IsCancellationRequested)
            {
                var measured = clock.Elapsed >= LeadIn;
                var t = Stopwatch.StartNew();
                var task = await queue.ClaimNextAsync(user, ct);
                claimsFromStart.Add(t.Elapsed.TotalMilliseconds);
                if (measured)
                    claims.Add(t.Elapsed.TotalMilliseconds);
                if (task is null)
                    break;
                claimed.Add(task.Id);
                if (readCase)
                {
                    t.Restart();
                    await TaskDetails.LoadAsync(database, user, task.Id, ct);
                    if (measured)
                        reads.Add(t.Elapsed.TotalMilliseconds);
                }
                if (thinkMs > 0)
                    await Task.Delay(thinkMs / 2 + random.Next(thinkMs + 1), ct);
                var operation = Guid.NewGuid().ToString("N");
                t.Restart();
                await service.DecideAsync(new DecisionRequest(user, task.Id, task.Revision, "submit_corrections", operation,
                    null, [new FieldChange("address", $"Tổ {task.Id % 30 + 1}, đã xác minh")]), ct);
                if (measured)
                    decides.Add(t.Elapsed.TotalMilliseconds);
                acknowledged.Add(operation);
            }
        }, ct)));
        var seconds = (clock.Elapsed - LeadIn).TotalSeconds;
        return new ReviewLoadResult((readCase ? "on the services, reading the case, " : "") + (thinkMs > 0 ? $"{thinkMs} ms think time" : "closed loop, no think time"), seconds, decides.Count,
            Percentile(claims, 0.50), Percentile(claims, 0.99), Percentile(decides, 0.50), Percentile(decides, 0.99),
            Percentile(claimsFromStart, 0.99), Percentile(reads, 0.50), Percentile(reads, 0.99));
    }

    /// <summary>Acknowledged decisions missing from the database (their operation, or the completed task it names); also counts decisions stored but never acknowledged.</summary>
    internal static async Task<long> LostDecisionsAsync(Database database, ConcurrentBag<string> acknowledged, CancellationToken ct)
    {
        await using var cmd = database.DataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM unnest($1) AS a(id) WHERE NOT EXISTS (
                        SELECT 1 FROM task_operations o JOIN review_tasks t ON t.id = o.task_id
                        WHERE o.operation_id = a.id AND t.status = 'Completed')),
                   (SELECT count(*) FROM review_tasks WHERE status = 'Completed')
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. acknowledged] });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return r.GetInt64(0) + Math.Abs(r.GetInt64(1) - acknowledged.Count);
    }

    internal static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
