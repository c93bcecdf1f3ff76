using LandQuality.Audit;
using LandQuality.Data;
using LandQuality.Reference;
using Npgsql;

namespace LandQuality.Review.Cases;

/// <summary>
/// <c>lq cases open</c>: every parcel whose latest evaluation fails a dimension and has no open case
/// gets one, pinned to the published workflow version, with its first task and the first entry in
/// its audit chain — all in one set-based statement, so half a million cases open in seconds and a
/// repeated call opens nothing twice (one open case per parcel is also a unique index). A parcel
/// whose case was parked (disputed, needs rebuilding) gets no new case until its data changes after
/// the parking (an <c>imported</c> or <c>correction_applied</c> entry in its audit chain); the new
/// case's <c>case_opened</c> entry then names the parked case it follows. A supervisor may also
/// reopen the parked case itself (<see cref="CaseReopener"/>).
/// </summary>
public sealed class CaseOpener(Database database)
{
    public const string DefaultWorkflow = "campaign-2025";

    /// <param name="limit">At most this many cases, worst parcels (most error findings) first: a campaign can open work in waves.</param>
    /// <param name="onlyRun">Only the parcels whose verdict this run set (an incremental run after an import), not the whole set.</param>
    public async Task<long> OpenAsync(string actor, CancellationToken ct, string workflowId = DefaultWorkflow, int? limit = null, long? onlyRun = null)
    {
        var definition = await new WorkflowStore(database).GetPublishedAsync(workflowId, ct);
        var first = definition.Stage(definition.InitialStage)!;
        var now = AuditChain.Truncate(DateTimeOffset.UtcNow);
        await using var conn = await database.Batch.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Two openers at once would race on the same parcels; one waits for the other instead.
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('lq:cases:open'))", conn, tx))
            await lockCmd.ExecuteNonQueryAsync(ct);
        await using var cmd = new NpgsqlCommand($"""
            WITH failing AS (
                SELECT s.parcel_id, p.commune_code, c.province_code, s.errors, s.run_id, s.rule_set_version_id
                FROM parcel_status s
                JOIN parcels p ON p.parcel_id = s.parcel_id
                JOIN communes c ON c.version = $1 AND c.code = p.commune_code
                WHERE NOT (s.correct AND s.sufficient AND s.clean AND s.alive) AND ($12::bigint IS NULL OR s.run_id = $12)
                  AND NOT EXISTS (SELECT 1 FROM review_cases rc WHERE rc.parcel_id = s.parcel_id AND rc.status = 'Open')
                  -- Parked on purpose: it stays parked until the parcel's data changes after the parking.
                  AND NOT EXISTS (SELECT 1 FROM review_cases rc WHERE rc.parcel_id = s.parcel_id AND rc.status = 'Parked'
                                  AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.parcel_id = rc.parcel_id
                                                  AND a.kind IN ('imported', 'correction_applied') AND a.at > rc.closed_at))
                ORDER BY s.errors DESC, s.parcel_id
                LIMIT $11),
            new_cases AS (
                INSERT INTO review_cases (parcel_id, commune_code, workflow_id, workflow_version, stage, status, round,
                                          police_confirmed, opened_at, opened_by, opened_by_run_id)
                SELECT parcel_id, commune_code, $2, $3, $4, 'Open', 1, false, $5, $6, run_id FROM failing
                RETURNING id, parcel_id),
            new_tasks AS (
                INSERT INTO review_tasks (case_id, parcel_id, stage, role, jurisdiction, priority, created_at, due_at, escalate_at, status, revision)
                SELECT nc.id, nc.parcel_id, $4, $7, CASE WHEN $8 THEN f.commune_code ELSE f.province_code END, f.errors, $5, $9, $10, 'Open', 0
                FROM new_cases nc JOIN failing f ON f.parcel_id = nc.parcel_id
                RETURNING id, case_id, parcel_id),
            events AS (
                SELECT nc.parcel_id,
                       -- follows_case / follows_stage only after a parked case (json_strip_nulls drops them otherwise; nothing else is null).
                       json_strip_nulls(json_build_object('case_id', nc.id, 'task_id', t.id, 'workflow', $2, 'workflow_version', $3, 'stage', $4,
                           'evaluation_run', f.run_id, 'rule_set_version_id', f.rule_set_version_id, 'error_findings', f.errors,
                           'follows_case', CASE WHEN prev.status = 'Parked' THEN prev.id END,
                           'follows_stage', CASE WHEN prev.status = 'Parked' THEN prev.stage END))::text AS payload
                FROM new_cases nc JOIN new_tasks t ON t.case_id = nc.id JOIN failing f ON f.parcel_id = nc.parcel_id
                -- The parcel's previous case (the statement does not see the rows it inserts): a parked one that the data change brought back.
                LEFT JOIN LATERAL (SELECT rc.id, rc.status, rc.stage FROM review_cases rc WHERE rc.parcel_id = nc.parcel_id
                                   ORDER BY rc.id DESC LIMIT 1) prev ON true)
            {AuditChain.AppendManySql($"SELECT parcel_id, {AuditChain.WithOperatingSystemUser("payload")} AS payload FROM events", at: "$5", actor: "$6", kind: "'case_opened'")}
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ReferenceData.CurrentVersion });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = definition.Id });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = definition.Version });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = first.Id });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = actor });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = first.Role! });
        cmd.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = first.Jurisdiction == Definitions.Jurisdiction.Commune });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = first.DueAt(now) });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = first.EscalateAt(now) });
        cmd.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = limit });
        cmd.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = onlyRun });
        var opened = (long)(await cmd.ExecuteScalarAsync(ct))!;
        await tx.CommitAsync(ct);
        return opened;
    }
}
