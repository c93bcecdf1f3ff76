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
        batch.BatchCommands.Add(Of($"""
            INSERT INTO findings (run_id, parcel_id, workflow, rule_name, dimension, severity, stage, message, message_vi, message_en, is_rule_error)
            SELECT {RunId}, $1, u.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[]) AS u
            """, Value(facts.ParcelId), Column(findings, f => f.Workflow), Column(findings, f => f.RuleName),
            Column(findings, f => Names.Of(f.Dimension)), Column(findings, f => Names.Of(f.Severity)),
            Column(findings, f => Names.Of(f.Stage)), Column(findings, f => f.Message), Column(findings, f => f.MessageVi),
            Column(findings, f => f.MessageEn), Column(findings, f => f.IsRuleError)));
        var runId = (long)(await batch.ExecuteScalarAsync(ct))!;
        if (setsVerdicts)
            await VerdictStore.WriteAsync(conn, tx, new RunContext(runId, version.Id, version.RuleSet, version.Version, startedBy, true),
                ParcelVerdict.Of([facts], findings), ct);
        await tx.CommitAsync(ct);
        return runId;
    }

    static NpgsqlParameter Column<T>(IReadOnlyList<Finding> findings, Func<Finding, T> value) => Value(findings.Select(value).ToArray());
}
