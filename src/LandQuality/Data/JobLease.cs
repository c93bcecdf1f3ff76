using Npgsql;

namespace LandQuality.Data;

/// <summary>
/// A long job's proof of life: a session-level advisory lock on (kind, id) held on a connection of its
/// own for as long as the job runs. PostgreSQL drops it with the session, so when the process dies — killed,
/// out of memory, the machine rebooted — a row still marked Running without its lease is abandoned, and
/// <see cref="MarkAbandonedAsync"/> says so. Two processes can never hold one job's lease: a second
/// <c>--resume</c> of the same run is refused instead of racing the first.
/// </summary>
public sealed class JobLease : IAsyncDisposable
{
    /// <summary>The first key of the lock: which table the id belongs to.</summary>
    public enum Kind { Import = 0x4C51_0001, EvaluationRun = 0x4C51_0002, DraftPreview = 0x4C51_0003 }

    readonly NpgsqlConnection _conn;

    JobLease(NpgsqlConnection conn, long id)
    {
        _conn = conn;
        Id = id;
    }

    public long Id { get; }

    /// <summary>
    /// Reserves the next id of <paramref name="table"/>'s identity column and takes its lease, before the
    /// row exists: nobody can see the job's Running row without its lease held.
    /// </summary>
    public static async Task<JobLease> ReserveAsync(NpgsqlDataSource db, Kind kind, string table, CancellationToken ct)
    {
        var conn = await db.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand(
                $"SELECT id, pg_advisory_lock({(int)kind}, id::int) FROM (SELECT nextval(pg_get_serial_sequence('{table}', 'id')) AS id) s", conn);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return new JobLease(conn, reader.GetFieldValue<long>(0));
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes the lease of an existing job; null when another process holds it.</summary>
    public static async Task<JobLease?> TryTakeAsync(NpgsqlDataSource db, Kind kind, long id, CancellationToken ct)
    {
        var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"SELECT pg_try_advisory_lock({(int)kind}, {checked((int)id)})", conn);
        if ((bool)(await cmd.ExecuteScalarAsync(ct))!)
            return new JobLease(conn, id);
        await conn.DisposeAsync();
        return null;
    }

    /// <summary>SQL that is true while some session holds the lease of the job whose id is <paramref name="idSql"/> (advisory locks are per database; pg_locks shows the whole server's).</summary>
    public static string HeldSql(Kind kind, string idSql) =>
        $"EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) " +
        $"AND classid = {(int)kind} AND objid = ({idSql})::int::oid AND objsubid = 2)";

    /// <summary>
    /// Marks every import and evaluation run that is Running without its lease as Abandoned, and every draft
    /// preview running without its lease as failed (interrupted: a preview is started again, not resumed); returns how many.
    /// A one-parcel run takes no lease (it lasts milliseconds, inside a reviewer's request): it is abandoned
    /// only when it has been Running for an hour.
    /// </summary>
    public static async Task<int> MarkAbandonedAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        const string why = "'abandoned: the process running it ended without finishing it (crash, kill or restart)'";
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(new($"""
            UPDATE imports SET status = 'Abandoned', finished_at = now(), error = {why}
            WHERE status = 'Running' AND NOT {HeldSql(Kind.Import, "imports.id")}
            """));
        batch.BatchCommands.Add(new($"""
            UPDATE evaluation_runs SET status = 'Abandoned', error = {why}
            WHERE status = 'Running' AND CASE WHEN scope LIKE 'parcel:%' THEN started_at < now() - interval '1 hour'
                                              ELSE NOT {HeldSql(Kind.EvaluationRun, "evaluation_runs.id")} END
                -- A background run has no lease: its partitions are the queue's, retried by any worker.
                AND NOT EXISTS (SELECT 1 FROM evaluation_run_partitions rp WHERE rp.run_id = evaluation_runs.id)
            """));
        batch.BatchCommands.Add(new($"""
            UPDATE rule_draft_previews SET status = 'Failed', finished_at = now(),
                error = 'interrupted: the process running it ended without finishing it (crash, kill or restart); start the preview again'
            WHERE status = 'Running' AND NOT {HeldSql(Kind.DraftPreview, "rule_draft_previews.id")}
            """));
        return await batch.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the session would release it too; unlocking first hands it back at once even if the pool keeps the connection.
        try
        {
            await using var cmd = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", _conn);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The session is gone, and the lock with it.
        }
        await _conn.DisposeAsync();
    }
}
