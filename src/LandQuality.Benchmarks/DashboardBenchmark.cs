using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using LandQuality.Data;
using LandQuality.Progress;
using LandQuality.Review.Queue;
using LandQuality.Web;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LandQuality.Benchmarks;

/// <param name="RecountSeconds">The summary recounted from every parcel and case (lq dashboard snapshot --recount).</param>
/// <param name="PlainCountMs">The obvious alternative per page view: the same figures counted from the tables (median of three).</param>
/// <param name="WithTriggersMs">A decision's two writes the summary follows (its case's stage, its parcel's status), with the summary's changes appended.</param>
/// <param name="WithoutTriggersMs">The same writes without: the cases' trigger disabled, no changes row.</param>
/// <param name="RunEndMs">What a run's end adds: the changes folded into the base and the day's snapshot.</param>
public sealed record DashboardBenchmarkResult(long Parcels, long OpenCases, int HistoryDays, double RecountSeconds, double PlainCountMs,
    double PageP50Ms, double PageP95Ms, double QueuePageP95Ms, double ChartP95Ms, int Requests, double WithTriggersMs, double WithoutTriggersMs,
    double RunEndMs, string Load);

/// <summary>
/// <c>lq bench dashboard</c>: the province dashboard of the evaluation benchmark's province (1.12M parcels) as a
/// signed-in department reviewer's browser asks for it, one request after another, beside a plain count of the
/// same figures; and the chart, over a made-up history of daily snapshots.
/// </summary>
public static partial class DashboardBenchmark
{
    const int Requests = 200;
    const int HistoryDays = 120;

    public static async Task<DashboardBenchmarkResult> RunAsync(Database database, string home, Action<string> log, CancellationToken ct)
    {
        await DemoReviewers.SeedAsync(database, "46", officersPerCommune: 1, provinceStaff: 1, ct);
        var password = Passwords.Random();
        var hash = Passwords.Hash(new Reviewer { UserName = "", FullName = "", Role = "", Jurisdiction = "" }, password);
        await Execute(database, "UPDATE reviewers SET password_hash = $1, password_changed_at = now() - interval '1 minute', failed_sign_ins = 0, " +
            "locked_until = NULL, disabled_at = NULL WHERE user_name = 'so.1'", ct, hash);

        var clock = Stopwatch.StartNew();
        await CommuneProgress.RefreshAsync(database, null, ct);
        var recount = clock.Elapsed.TotalSeconds;
        log($"summary recounted in {recount:F1} s");
        var plain = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            clock.Restart();
            await using var cmd = database.DataSource.CreateCommand(CommuneProgress.CountSql);
            cmd.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) { }
            plain.Add(clock.Elapsed.TotalMilliseconds);
        }
        log($"plain count: {plain.Order().ElementAt(1):F0} ms");
        await MakeHistoryAsync(database, ct);
        var (withTriggers, withoutTriggers) = await TriggerCostAsync(database, ct);
        clock.Restart();
        await RunProgress.RecordAsync(database, ct);
        var runEnd = clock.Elapsed.TotalMilliseconds;
        log($"a decision's watched writes: {withTriggers:F3} ms with the triggers, {withoutTriggers:F3} ms without");

        await using var app = WebApp.Build(["--urls", "http://127.0.0.1:0", "--LandQuality:Home", home, "--Logging:LogLevel:Default", "Warning"], database);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        var token = AntiforgeryField().Match(await browser.GetStringAsync("/", ct)).Groups[1].Value;
        using (var posted = await browser.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
               { ["username"] = "so.1", ["password"] = password, ["__RequestVerificationToken"] = token }), ct))
            if (posted.StatusCode != HttpStatusCode.Redirect)
                throw new InvalidOperationException($"Signing in as so.1 answered {(int)posted.StatusCode}.");

        var page = await TimeAsync(browser, "/dashboard", ct);
        log($"province page: p50 {Percentile(page, 0.5):F1} ms, p95 {Percentile(page, 0.95):F1} ms");
        var queue = await TimeAsync(browser, "/queue", ct);
        var chart = await TimeAsync(browser, "/dashboard/progress.svg", ct);
        log($"chart: p95 {Percentile(chart, 0.95):F1} ms");
        await app.StopAsync(ct);

        return new DashboardBenchmarkResult(await CountAsync(database, "SELECT count(*) FROM parcels WHERE retired_at IS NULL", ct),
            await CountAsync(database, "SELECT count(*) FROM review_cases WHERE status = 'Open'", ct), HistoryDays, recount, plain.Order().ElementAt(1),
            Percentile(page, 0.5), Percentile(page, 0.95), Percentile(queue, 0.95), Percentile(chart, 0.95), Requests, withTriggers, withoutTriggers,
            runEnd, Load());
    }

    /// <summary>Past days for the chart: today's counts, scaled down linearly into the past (only in the benchmark's database).</summary>
    static Task MakeHistoryAsync(Database database, CancellationToken ct) => Execute(database, $"""
        INSERT INTO commune_progress_daily (day, commune_code, parcels, evaluated, verified, failing_correct, failing_sufficient,
                                            failing_clean, failing_alive, open_cases, taken_at)
        SELECT current_date - d, commune_code, parcels, evaluated, verified * ({HistoryDays} - d) / {HistoryDays}, failing_correct,
               failing_sufficient, failing_clean, failing_alive, 0, now()
        FROM commune_progress, generate_series(0, {HistoryDays - 1}) d
        ON CONFLICT (day, commune_code) DO NOTHING
        """, ct, null);

    /// <summary>
    /// What the summary adds to a decision: its case moving stage (the cases' trigger) and its parcel's verdict changing
    /// (one changes row appended), one transaction each (commit not waiting for the disk, so the difference is the
    /// summary's work, not the WAL's), in blocks alternating with neither; every write is undone by the next pass.
    /// </summary>
    static async Task<(double With, double Without)> TriggerCostAsync(Database database, CancellationToken ct)
    {
        const int PerBlock = 400;
        await using var conn = await database.Owner.OpenConnectionAsync(ct);
        var cases = await ListAsync(conn, $"SELECT id::text FROM review_cases WHERE status = 'Open' AND stage IN ('commune', 'department') ORDER BY id LIMIT {PerBlock}", ct);
        var parcels = await ListAsync(conn, $"SELECT parcel_id FROM parcel_status ORDER BY parcel_id LIMIT {PerBlock}", ct);
        var times = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        try
        {
            for (var block = 0; block < 6; block++)
            {
                var on = block % 2 == 0;
                await ExecuteOn(conn, $"ALTER TABLE review_cases {(on ? "ENABLE" : "DISABLE")} TRIGGER review_cases_progress_update", ct);
                for (var i = 0; i < Math.Min(cases.Count, parcels.Count); i++)
                {
                    var t = Stopwatch.StartNew();
                    await using var tx = await conn.BeginTransactionAsync(ct);
                    await using var batch = new NpgsqlBatch(conn, tx);
                    batch.BatchCommands.Add(BatchCommands.Of("SET LOCAL synchronous_commit = off"));
                    batch.BatchCommands.Add(BatchCommands.Of(
                        "UPDATE review_cases SET stage = CASE stage WHEN 'commune' THEN 'department' ELSE 'commune' END WHERE id = $1::bigint",
                        BatchCommands.Value(cases[i])));
                    batch.BatchCommands.Add(BatchCommands.Of("UPDATE parcel_status SET clean = NOT clean WHERE parcel_id = $1", BatchCommands.Value(parcels[i])));
                    if (on) // what the re-evaluation appends when the verdict changed (Progress/VerdictChanges)
                        batch.BatchCommands.Add(BatchCommands.Of("""
                            INSERT INTO commune_progress_changes (commune_code, parcels, evaluated, verified, failing_correct, failing_sufficient,
                                                                  failing_clean, failing_alive)
                            SELECT c, 0, e, v, fc, fs, fl, fa FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[])
                                AS u(c, e, v, fc, fs, fl, fa)
                            """, BatchCommands.Value(new[] { "19753" }), BatchCommands.Value(new long[] { 0 }), BatchCommands.Value(new long[] { 0 }),
                            BatchCommands.Value(new long[] { 0 }), BatchCommands.Value(new long[] { 0 }), BatchCommands.Value(new long[] { 1 }),
                            BatchCommands.Value(new long[] { 0 })));
                    await batch.ExecuteNonQueryAsync(ct);
                    await tx.CommitAsync(ct);
                    times[on].Add(t.Elapsed.TotalMilliseconds);
                }
            }
        }
        finally
        {
            await ExecuteOn(conn, "ALTER TABLE review_cases ENABLE TRIGGER review_cases_progress_update", CancellationToken.None);
        }
        // Six blocks flip every case and status an even number of times: the data is as before; the summary recounts it anyway.
        await CommuneProgress.RefreshAsync(database, null, ct);
        return (times[true].Average(), times[false].Average());
    }

    static async Task<List<string>> ListAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<string>();
        while (await r.ReadAsync(ct))
            list.Add(r.GetString(0));
        return list;
    }

    static async Task ExecuteOn(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    static async Task<List<double>> TimeAsync(HttpClient browser, string path, CancellationToken ct)
    {
        var times = new List<double>();
        for (var i = 0; i < Requests; i++)
        {
            var t = Stopwatch.StartNew();
            using var response = await browser.GetAsync(path, ct);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(ct);
            if (i >= Requests / 10) // the first tenth warms up (JIT, plans, fonts)
                times.Add(t.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    static double Percentile(List<double> times, double p) => ReviewBenchmark.Percentile(times, p);

    static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    static async Task Execute(Database database, string sql, CancellationToken ct, string? parameter)
    {
        await using var cmd = database.DataSource.CreateCommand(sql);
        if (parameter is not null)
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    static async Task<long> CountAsync(Database database, string sql, CancellationToken ct)
    {
        await using var cmd = database.DataSource.CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public static string ToMarkdown(DashboardBenchmarkResult r, string command) => string.Create(CultureInfo.InvariantCulture, $"""
        ## Dashboard (`{command}`)

        The province page `/dashboard` of Huế ({r.Parcels:N0} parcels, {r.OpenCases:N0} open cases, 40 communes ranked) as a signed-in
        department reviewer's browser asks for it, {r.Requests} requests one after another (the first tenth unmeasured), measured
        {DateTime.UtcNow:yyyy-MM-dd}, load average (1, 5, 15 min) at the end: {r.Load} on 2 cores shared with other work.

        | what | time |
        |---|---:|
        | province page, p50 / p95 | {r.PageP50Ms:F1} / {r.PageP95Ms:F1} ms |
        | the same figures counted from the tables (what a page would cost without the summary), median of 3 | {r.PlainCountMs:F0} ms |
        | the queue page on the same server, p95 (for scale) | {r.QueuePageP95Ms:F1} ms |
        | the chart `/dashboard/progress.svg` ({r.HistoryDays} days of snapshots, ScottPlot), p95 | {r.ChartP95Ms:F1} ms |
        | a run's end: the changes folded into the base, and the day's snapshot | {r.RunEndMs:F0} ms |
        | the summary recounted from every parcel and case (`lq dashboard snapshot --recount`), once | {r.RecountSeconds:F1} s |
        | a decision's writes the summary follows (case stage, parcel verdict; commit not waiting for the disk), with / without the summary | {r.WithTriggersMs:F3} / {r.WithoutTriggersMs:F3} ms |

        The page reads the per-commune summary (a base row per commune, and per commune and stage for open cases, plus the changes
        appended since: by each batch of verdicts as it commits, and by statement triggers on parcels and cases) and counts live only
        what the clock changes or what a small index holds: overdue tasks, cases closed since Monday. A decision appends a row or two
        and updates no shared row, so reviewers of one commune do not queue on a summary row (`Progress/CommuneProgress.cs`). Measured on a copy of
        the evaluation benchmark's database (`--database`), made with `CREATE DATABASE … TEMPLATE lq_bench_evaluate`; the chart's
        history is made up from today's counts.
        """);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
