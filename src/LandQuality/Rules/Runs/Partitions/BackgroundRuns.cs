using LandQuality.Data;
using LandQuality.Rules.Versions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LandQuality.Rules.Runs.Partitions;

/// <summary>
/// A run for the workers (<c>lq evaluate --background</c>): recorded Queued with its version and scope, split into
/// partitions when a worker plans it, completed by whichever worker commits its last partition. Its counts and
/// summary are the same rows a single-process run leaves (batch markers, findings), so everything that reads runs
/// reads these too.
/// </summary>
public static class BackgroundRuns
{
    /// <summary>Records the run as Queued; its id is what <c>lq runs show</c> takes.</summary>
    public static async Task<long> QueueAsync(Database database, EvaluationRequest request, CancellationToken ct)
    {
        if (request.ParcelId is not null || request.ResumeRunId is not null)
            throw new InvalidOperationException("A background run covers everything or a commune; one parcel, or a resumed run, runs here (leave out --background).");
        var version = await RunLog.ResolveVersionAsync(database, request, ct);
        await using var db = database.CreateContext();
        var run = new EvaluationRun
        {
            RuleSetVersionId = version.Id,
            Scope = request.CommuneCode is { } c ? $"commune:{c}" : "all",
            StartedBy = request.StartedBy,
            StartedAt = DateTimeOffset.UtcNow,
            EvaluatedOn = DateOnly.FromDateTime(DateTime.UtcNow), // as RunLog dates a run in one process
            Status = RunStatus.Queued,
            SetsVerdicts = RunLog.SetsVerdicts(version),
        };
        db.EvaluationRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run.Id;
    }

    /// <summary>
    /// Splits a Queued run into partitions and marks it Running, in one transaction; the partitions to hand out.
    /// Planning again (the job retried after a worker died) hands out the same partitions: those done already are skipped by their workers.
    /// </summary>
    public static async Task<IReadOnlyList<int>> PlanAsync(Database database, long runId, int maxParcels, CancellationToken ct)
    {
        await using var conn = await database.Batch.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        string status, scope;
        bool setsVerdicts;
        await using (var read = new NpgsqlCommand("SELECT status, scope, sets_verdicts FROM evaluation_runs WHERE id = $1 FOR UPDATE", conn, tx))
        {
            read.Parameters.Add(new NpgsqlParameter<long> { TypedValue = runId });
            await using var r = await read.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct))
                throw new InvalidOperationException($"There is no evaluation run {runId}.");
            (status, scope, setsVerdicts) = (r.GetString(0), r.GetString(1), r.GetBoolean(2));
        }
        if (status != nameof(RunStatus.Queued))
            return await OpenPartitionsAsync(conn, tx, runId, ct);
        var commune = scope.StartsWith("commune:", StringComparison.Ordinal) ? scope["commune:".Length..] : null;
        var partitions = await PartitionPlanner.PlanAsync(conn, tx, runId, commune, maxParcels, ct);
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY evaluation_run_partitions (run_id, partition_no, commune_code, after_parcel_id, up_to_parcel_id, planned_parcels, status, attempts, parcels, findings) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var p in partitions)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(p.RunId, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(p.PartitionNo, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(p.CommuneCode, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.AfterParcelId, NpgsqlTypes.NpgsqlDbType.Text, ct);
                await copy.WriteAsync(p.UpToParcelId, NpgsqlTypes.NpgsqlDbType.Text, ct);
                await copy.WriteAsync(p.PlannedParcels, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(nameof(PartitionStatus.Queued), NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(0, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(0L, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(0L, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
            }
            await copy.CompleteAsync(ct);
        }
        // A scope with no parcels has nothing for a worker to finish it: it is complete at once.
        await using (var mark = new NpgsqlCommand(partitions.Count == 0
            ? "UPDATE evaluation_runs SET status = 'Completed', finished_at = now(), seconds = 0 WHERE id = $1"
            : "UPDATE evaluation_runs SET status = 'Running' WHERE id = $1", conn, tx))
        {
            mark.Parameters.Add(new NpgsqlParameter<long> { TypedValue = runId });
            await mark.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        // As a run in one process does: a run of everything that sets verdicts is what the next --changed run continues
        // from. Recorded after the commit (the insert would wait on the run row this transaction locks) and before any
        // partition is handed out, so before anything of the run is read.
        if (setsVerdicts && scope == "all")
            await ChangedParcels.RecordWatermarkAsync(database.Batch, runId, ct);
        return partitions.Select(p => p.PartitionNo).ToList();
    }

    static async Task<IReadOnlyList<int>> OpenPartitionsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long runId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT partition_no FROM evaluation_run_partitions WHERE run_id = $1 AND status IN ('Queued', 'Running') ORDER BY partition_no", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = runId });
        var open = new List<int>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            open.Add(r.GetInt32(0));
        return open;
    }

    /// <summary>
    /// Completes the run when no partition is left, with its counts from the committed batches; true for the one
    /// caller that completed it (several workers may finish their last partitions at once; the status guard lets one through).
    /// </summary>
    public static async Task<bool> CompleteIfDoneAsync(Database database, long runId, CancellationToken ct)
    {
        await using var cmd = database.Batch.CreateCommand("""
            UPDATE evaluation_runs SET status = 'Completed', finished_at = now(),
                seconds = extract(epoch FROM now() - started_at),
                parcels_evaluated = (SELECT coalesce(sum(parcels), 0) FROM evaluation_run_batches WHERE run_id = $1),
                findings_count = (SELECT coalesce(sum(findings), 0) FROM evaluation_run_batches WHERE run_id = $1)
            WHERE id = $1 AND status = 'Running'
                AND NOT EXISTS (SELECT 1 FROM evaluation_run_partitions WHERE run_id = $1 AND status <> 'Done')
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = runId });
        var completed = await cmd.ExecuteNonQueryAsync(ct) == 1;
        if (completed)
        {
            SetWideCache.Forget(database, runId);
            // Only runs that recorded a watermark (of everything, setting verdicts) prune the change log.
            await ChangedParcels.PruneAsync(database.Batch, runId, ct);
        }
        return completed;
    }

    public static async Task<(EvaluationRun Run, RuleSetVersion Version)> LoadAsync(Database database, long runId, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var run = await db.EvaluationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct)
            ?? throw new InvalidOperationException($"There is no evaluation run {runId}.");
        return (run, await db.RuleSetVersions.AsNoTracking().SingleAsync(v => v.Id == run.RuleSetVersionId, ct));
    }
}
