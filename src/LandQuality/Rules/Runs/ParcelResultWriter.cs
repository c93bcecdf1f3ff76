using LandQuality.Rules.Evaluation;
using static LandQuality.Data.BatchCommands;
using LandQuality.Rules.Facts;
using Npgsql;

namespace LandQuality.Rules.Runs;

/// <summary>
/// Stores one parcel's re-evaluation — its run record, findings and status — as one batch of
/// statements: one round trip, one implicit transaction. The review workflow calls this after every
/// approved correction, so it avoids the bulk path's COPY handshakes and separate run bookkeeping.
/// </summary>
static class ParcelResultWriter
{
    // The run row is inserted first; the other statements of the batch take its id from the sequence.
    const string RunId = "currval(pg_get_serial_sequence('evaluation_runs', 'id'))";

    public static async Task<long> WriteAsync(NpgsqlDataSource db, long versionId, string startedBy, DateTimeOffset startedAt,
        DateOnly evaluatedOn, double seconds, ParcelFacts facts, IReadOnlyList<Finding> findings, CancellationToken ct)
    {
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(Of("""
            INSERT INTO evaluation_runs (rule_set_version_id, scope, started_by, started_at, evaluated_on, finished_at, status,
                                         parcels_evaluated, findings_count, seconds)
            VALUES ($1, $2, $3, $4, $5, now(), 'Completed', 1, $6, $7) RETURNING id
            """, Value(versionId), Value($"parcel:{facts.ParcelId}"), Value(startedBy), Value(startedAt), Value(evaluatedOn),
            Value((long)findings.Count), Value(seconds)));
        batch.BatchCommands.Add(Of($"""
            INSERT INTO findings (run_id, parcel_id, workflow, rule_name, dimension, severity, stage, message, is_rule_error)
            SELECT {RunId}, $1, u.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[]) AS u
            """, Value(facts.ParcelId), Column(findings, f => f.Workflow), Column(findings, f => f.RuleName),
            Column(findings, f => Names.Of(f.Dimension)), Column(findings, f => Names.Of(f.Severity)),
            Column(findings, f => Names.Of(f.Stage)), Column(findings, f => f.Message), Column(findings, f => f.IsRuleError)));
        var v = ParcelVerdict.Of([facts], findings).Single();
        batch.BatchCommands.Add(Of($"""
            INSERT INTO parcel_status (parcel_id, run_id, rule_set_version_id, correct, sufficient, clean, alive, errors, warnings, evaluated_at)
            VALUES ($1, {RunId}, $2, $3, $4, $5, $6, $7, $8, now())
            ON CONFLICT (parcel_id) DO UPDATE SET run_id = excluded.run_id, rule_set_version_id = excluded.rule_set_version_id,
                correct = excluded.correct, sufficient = excluded.sufficient, clean = excluded.clean, alive = excluded.alive,
                errors = excluded.errors, warnings = excluded.warnings, evaluated_at = excluded.evaluated_at
            """, Value(facts.ParcelId), Value(versionId), Value(v.Correct), Value(v.Sufficient), Value(v.Clean), Value(v.Alive),
            Value(v.Errors), Value(v.Warnings)));
        // Results are derived data: the commit need not wait for its WAL flush (see ResultWriter).
        batch.BatchCommands.Add(Of("SELECT set_config('synchronous_commit', 'off', true)"));
        return (long)(await batch.ExecuteScalarAsync(ct))!;
    }

    static NpgsqlParameter Column<T>(IReadOnlyList<Finding> findings, Func<Finding, T> value) => Value(findings.Select(value).ToArray());
}
