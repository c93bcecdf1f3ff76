using LandQuality.Rules.Evaluation;
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
        batch.BatchCommands.Add(Command("""
            INSERT INTO evaluation_runs (rule_set_version_id, scope, started_by, started_at, evaluated_on, finished_at, status,
                                         parcels_evaluated, findings_count, seconds)
            VALUES ($1, $2, $3, $4, $5, now(), 'Completed', 1, $6, $7) RETURNING id
            """, versionId, $"parcel:{facts.ParcelId}", startedBy, startedAt, evaluatedOn, (long)findings.Count, seconds));
        batch.BatchCommands.Add(Command($"""
            INSERT INTO findings (run_id, parcel_id, workflow, rule_name, dimension, severity, stage, message, is_rule_error)
            SELECT {RunId}, $1, u.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[]) AS u
            """, facts.ParcelId, findings.Select(f => f.Workflow).ToArray(), findings.Select(f => f.RuleName).ToArray(),
            findings.Select(f => Names.Of(f.Dimension)).ToArray(), findings.Select(f => Names.Of(f.Severity)).ToArray(),
            findings.Select(f => Names.Of(f.Stage)).ToArray(), findings.Select(f => f.Message).ToArray(), findings.Select(f => f.IsRuleError).ToArray()));
        var v = ParcelVerdict.Of([facts], findings).Single();
        batch.BatchCommands.Add(Command($"""
            INSERT INTO parcel_status (parcel_id, run_id, rule_set_version_id, correct, sufficient, clean, alive, errors, warnings, evaluated_at)
            VALUES ($1, {RunId}, $2, $3, $4, $5, $6, $7, $8, now())
            ON CONFLICT (parcel_id) DO UPDATE SET run_id = excluded.run_id, rule_set_version_id = excluded.rule_set_version_id,
                correct = excluded.correct, sufficient = excluded.sufficient, clean = excluded.clean, alive = excluded.alive,
                errors = excluded.errors, warnings = excluded.warnings, evaluated_at = excluded.evaluated_at
            """, facts.ParcelId, versionId, v.Correct, v.Sufficient, v.Clean, v.Alive, v.Errors, v.Warnings));
        return (long)(await batch.ExecuteScalarAsync(ct))!;
    }

    static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
