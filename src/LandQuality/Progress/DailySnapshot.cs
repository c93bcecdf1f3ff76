using LandQuality.Data;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Progress;

/// <summary>A day's totals of a scope, for the chart of progress over time.</summary>
public sealed record ProgressDay(DateOnly Day, long Parcels, long Verified)
{
    public double VerifiedShare => Parcels == 0 ? 0 : (double)Verified / Parcels;
}

/// <summary>
/// One row per commune per day (Vietnam's calendar) of the summary's counts and the open cases: written when
/// an evaluation run ends and by <c>lq dashboard snapshot</c>. Taking it again the same day overwrites that
/// day's rows, so the day keeps its latest figures and is never counted twice.
/// </summary>
public static class DailySnapshot
{
    public static async Task<int> TakeAsync(Database database, DateOnly day, CancellationToken ct)
    {
        await using var conn = await database.Batch.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn);
        batch.BatchCommands.Add(Of("""
            WITH current AS (
                SELECT commune_code, sum(parcels) parcels, sum(evaluated) evaluated, sum(verified) verified, sum(failing_correct) fc,
                       sum(failing_sufficient) fs, sum(failing_clean) fl, sum(failing_alive) fa
                FROM (SELECT commune_code, parcels, evaluated, verified, failing_correct, failing_sufficient, failing_clean, failing_alive
                      FROM commune_progress
                      UNION ALL
                      SELECT commune_code, parcels, evaluated, verified, failing_correct, failing_sufficient, failing_clean, failing_alive
                      FROM commune_progress_changes) x
                GROUP BY commune_code),
            open AS (SELECT commune_code, sum(open_cases) n
                     FROM (SELECT commune_code, open_cases FROM commune_case_progress
                           UNION ALL SELECT commune_code, open_cases FROM commune_case_progress_changes) x GROUP BY 1)
            INSERT INTO commune_progress_daily AS d (day, commune_code, parcels, evaluated, verified, failing_correct, failing_sufficient,
                                                     failing_clean, failing_alive, open_cases, taken_at)
            SELECT $1, c.commune_code, c.parcels, c.evaluated, c.verified, c.fc, c.fs, c.fl, c.fa, coalesce(o.n, 0), now()
            FROM current c LEFT JOIN open o ON o.commune_code = c.commune_code
            ON CONFLICT (day, commune_code) DO UPDATE SET parcels = excluded.parcels, evaluated = excluded.evaluated,
                verified = excluded.verified, failing_correct = excluded.failing_correct, failing_sufficient = excluded.failing_sufficient,
                failing_clean = excluded.failing_clean, failing_alive = excluded.failing_alive, open_cases = excluded.open_cases,
                taken_at = excluded.taken_at
            """, Value(day)));
        return await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The scope's totals per day, oldest first.</summary>
    public static async Task<List<ProgressDay>> HistoryAsync(Database database, DashboardScope scope, CancellationToken ct)
    {
        await using var cmd = database.Batch.CreateCommand("""
            SELECT day, sum(parcels)::bigint, sum(verified)::bigint FROM commune_progress_daily
            WHERE commune_code = ANY($1) GROUP BY day ORDER BY day
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = scope.CommuneCodes });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var days = new List<ProgressDay>();
        while (await r.ReadAsync(ct))
            days.Add(new ProgressDay(r.GetFieldValue<DateOnly>(0), r.GetInt64(1), r.GetInt64(2)));
        return days;
    }
}
