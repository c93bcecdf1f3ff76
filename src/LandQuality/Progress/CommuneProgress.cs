using LandQuality.Data;
using Npgsql;

namespace LandQuality.Progress;

/// <summary>
/// Per commune: parcels, evaluated, verified (đúng – đủ – sạch – sống), failing per dimension and open cases
/// per stage, without a scan of the 1.12M parcels (or of the cases) per page view. The figures are a base row
/// per commune (commune_progress; commune_case_progress per stage) plus the changes appended since (the
/// *_changes tables, by statement triggers on parcels, parcel_status and review_cases: migration CommuneProgress).
/// <para>
/// Why this shape: a review decision re-evaluates one parcel and moves one case, and each appends a row or two;
/// nothing updates a row shared by the commune, so reviewers of one commune deciding at once do not queue on a
/// summary row's lock (the decision path is the one measured in decisions/s). Verdicts append their own changes
/// (<see cref="VerdictChanges"/>, from what the writer holds in memory: a bulk batch of thousands of parcels adds a
/// few rows and needs no join); triggers cover the rest (parcels imported or retired, cases opened, moved, closed,
/// statuses deleted, tables truncated). A run's end folds the changes into the base (<see cref="FoldChangesAsync"/>);
/// <see cref="RefreshAsync"/> recounts everything from the tables (a few seconds at Huế scale), for
/// <c>lq dashboard snapshot --recount</c>.
/// </para>
/// <para>
/// A run's batch and a decision re-evaluating the same parcel at the same moment both read its previous verdict
/// without a row lock; the verdict write only replaces the row version it read, and the one that finds it changed
/// reads it again (<see cref="Rules.Runs.VerdictStore"/>), so each change is counted from the verdict it replaced.
/// </para>
/// </summary>
public static class CommuneProgress
{
    /// <summary>The same figures straight from the data: the plain count the dashboard must equal.</summary>
    public const string CountSql = """
        SELECT p.commune_code::text AS commune_code, count(*) AS parcels, count(s.parcel_id) AS evaluated,
               count(*) FILTER (WHERE s.correct AND s.sufficient AND s.clean AND s.alive) AS verified,
               count(*) FILTER (WHERE NOT s.correct) AS failing_correct, count(*) FILTER (WHERE NOT s.sufficient) AS failing_sufficient,
               count(*) FILTER (WHERE NOT s.clean) AS failing_clean, count(*) FILTER (WHERE NOT s.alive) AS failing_alive
        FROM parcels p LEFT JOIN parcel_status s ON s.parcel_id = p.parcel_id
        WHERE p.retired_at IS NULL AND ($1::text IS NULL OR p.commune_code = $1)
        GROUP BY p.commune_code
        """;

    /// <summary>Base plus changes for the given communes: one row each that has any parcel.</summary>
    public const string CurrentSql = """
        SELECT commune_code, sum(parcels)::bigint, sum(evaluated)::bigint, sum(verified)::bigint, sum(failing_correct)::bigint,
               sum(failing_sufficient)::bigint, sum(failing_clean)::bigint, sum(failing_alive)::bigint
        FROM (SELECT commune_code, parcels, evaluated, verified, failing_correct, failing_sufficient, failing_clean, failing_alive
              FROM commune_progress WHERE commune_code = ANY($1)
              UNION ALL
              SELECT commune_code, parcels, evaluated, verified, failing_correct, failing_sufficient, failing_clean, failing_alive
              FROM commune_progress_changes WHERE commune_code = ANY($1)) x
        GROUP BY commune_code
        """;

    /// <summary>Open cases per commune and stage, base plus changes, for the given communes.</summary>
    public const string OpenCasesSql = """
        SELECT commune_code, stage, sum(open_cases)::bigint
        FROM (SELECT commune_code, stage, open_cases FROM commune_case_progress WHERE commune_code = ANY($1)
              UNION ALL
              SELECT commune_code, stage, open_cases FROM commune_case_progress_changes WHERE commune_code = ANY($1)) x
        GROUP BY commune_code, stage HAVING sum(open_cases) <> 0
        """;

    const long RefreshLock = 0x4c51_5052; // "LQPR": one refresh or fold at a time

    /// <summary>
    /// Rebuilds the base of one commune or of all (null), and drops exactly the changes
    /// it already counts: both in one repeatable-read snapshot, so a change committed meanwhile stays and
    /// counts once.
    /// </summary>
    public static async Task RefreshAsync(Database database, string? communeCode, CancellationToken ct)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(ct);
        // Locked before the transaction takes its snapshot, so a refresh never works from a snapshot older than the last one's commit.
        await Execute(conn, null, "SELECT pg_advisory_lock($1)", ct, RefreshLock);
        try
        {
            await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            await Execute(conn, tx, "DELETE FROM commune_progress_changes WHERE $1::text IS NULL OR commune_code = $1", ct, communeCode);
            await Execute(conn, tx, "DELETE FROM commune_progress WHERE $1::text IS NULL OR commune_code = $1", ct, communeCode);
            await Execute(conn, tx, $"""
                INSERT INTO commune_progress (commune_code, parcels, evaluated, verified, failing_correct, failing_sufficient,
                                              failing_clean, failing_alive, refreshed_at)
                SELECT *, now() FROM ({CountSql}) c
                """, ct, communeCode);
            await Execute(conn, tx, "DELETE FROM commune_case_progress_changes WHERE $1::text IS NULL OR commune_code = $1", ct, communeCode);
            await Execute(conn, tx, "DELETE FROM commune_case_progress WHERE $1::text IS NULL OR commune_code = $1", ct, communeCode);
            await Execute(conn, tx, """
                INSERT INTO commune_case_progress (commune_code, stage, open_cases)
                SELECT commune_code, stage, count(*) FROM review_cases
                WHERE status = 'Open' AND ($1::text IS NULL OR commune_code = $1) GROUP BY 1, 2
                """, ct, communeCode);
            await tx.CommitAsync(ct);
        }
        finally
        {
            await Execute(conn, null, "SELECT pg_advisory_unlock($1)", CancellationToken.None, RefreshLock);
        }
    }

    /// <summary>Moves the changes into the base without recounting: cheap, for between runs (the daily snapshot).</summary>
    public static async Task FoldChangesAsync(Database database, CancellationToken ct)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(ct);
        await Execute(conn, null, "SELECT pg_advisory_lock($1)", ct, RefreshLock);
        try
        {
            await Execute(conn, null, """
                WITH moved AS (DELETE FROM commune_progress_changes RETURNING *),
                sums AS (SELECT commune_code, sum(parcels) p, sum(evaluated) e, sum(verified) v, sum(failing_correct) fc,
                                sum(failing_sufficient) fs, sum(failing_clean) fl, sum(failing_alive) fa FROM moved GROUP BY commune_code)
                INSERT INTO commune_progress AS b (commune_code, parcels, evaluated, verified, failing_correct, failing_sufficient,
                                                   failing_clean, failing_alive, refreshed_at)
                SELECT commune_code, p, e, v, fc, fs, fl, fa, now() FROM sums
                ON CONFLICT (commune_code) DO UPDATE SET parcels = b.parcels + excluded.parcels, evaluated = b.evaluated + excluded.evaluated,
                    verified = b.verified + excluded.verified, failing_correct = b.failing_correct + excluded.failing_correct,
                    failing_sufficient = b.failing_sufficient + excluded.failing_sufficient,
                    failing_clean = b.failing_clean + excluded.failing_clean, failing_alive = b.failing_alive + excluded.failing_alive
                """, ct, null);
            await Execute(conn, null, """
                WITH moved AS (DELETE FROM commune_case_progress_changes RETURNING *)
                INSERT INTO commune_case_progress AS b (commune_code, stage, open_cases)
                SELECT commune_code, stage, sum(open_cases) FROM moved GROUP BY 1, 2
                ON CONFLICT (commune_code, stage) DO UPDATE SET open_cases = b.open_cases + excluded.open_cases
                """, ct, null);
        }
        finally
        {
            await Execute(conn, null, "SELECT pg_advisory_unlock($1)", CancellationToken.None, RefreshLock);
        }
    }

    static async Task Execute(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct, object? parameter)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        if (parameter is long key)
            cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key });
        else if (sql.Contains("$1", StringComparison.Ordinal))
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)(parameter as string) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
