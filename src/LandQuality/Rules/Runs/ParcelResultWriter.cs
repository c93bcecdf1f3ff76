using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Versions;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Rules.Runs;

/// <summary>
/// Stores one parcel's re-evaluation in one transaction: its run record and findings in one round
/// trip, then — when the run sets verdicts — its status, the chain entry of a changed verdict and the
/// closing of a case the parcel no longer needs (<see cref="VerdictStore"/>). The review workflow calls
/// this after every approved correction, so it avoids the bulk path's COPY handshakes.
/// </summary>
static class ParcelResultWriter
{
    // The run row is inserted first; the other statements of the batch take its id from the sequence.
    const string RunId = "currval(pg_get_serial_sequence('evaluation_runs', 'id'))";

    public static async Task<long> WriteAsync(NpgsqlDataSource db, RuleSetVersion version, string startedBy, DateTimeOffset startedAt,
        DateOnly evaluatedOn, double seconds, ParcelFacts facts, IReadOnlyList<Finding> findings, CancellationToken ct)
    {
        var setsVerdicts = RunLog.SetsVerdicts(version);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(conn, tx);
        // Results are derived data: the commit need not wait for its WAL flush (see ResultWriter). A case the
        // transaction closes is lost with them on a crash, never without them, and the next evaluation closes it again.
        batch.BatchCommands.Add(Of("SET LOCAL synchronous_commit = off"));
        batch.BatchCommands.Add(Of("""
            INSERT INTO evaluation_runs (rule_set_version_id, scope, started_by, started_at, evaluated_on, finished_at, status,
                                         parcels_evaluated, findings_count, seconds, sets_verdicts)
            VALUES ($1, $2, $3, $4, $5, now(), 'Completed', 1, $6, $7, $8) RETURNING id
            """, Value(version.Id), Value($"parcel:{facts.ParcelId}"), Value(startedBy), Value(startedAt), Value(evaluatedOn),
            Value((long)findings.Count), Value(seconds), Value(setsVerdicts)));
        batch.BatchCommands.Add(FindingColumns.InsertCommand(RunId, findings));
        var runId = (long)(await batch.ExecuteScalarAsync(ct))!;
        if (setsVerdicts)
            await VerdictStore.WriteAsync(conn, tx, new RunContext(runId, version.Id, version.RuleSet, version.Version, startedBy, true),
                ParcelVerdict.Of([facts], findings), _ => facts.CommuneCode, ct);
        await tx.CommitAsync(ct);
        return runId;
    }
}
