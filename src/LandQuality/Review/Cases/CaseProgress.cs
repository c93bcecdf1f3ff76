using LandQuality.Audit;
using LandQuality.Reference;
using LandQuality.Review.Definitions;
using LandQuality.Review.Queue;
using LandQuality.Review.Runtime;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Cases;

/// <summary>
/// What entering a stage means, as writes added to the caller's batch (one round trip with the rest
/// of the transition): a human stage opens its task (and a case sent back to the first stage drops
/// the corrections that were not approved); an automatic stage applies the approved corrections
/// before the platform re-evaluates; a terminal stage closes the case as verified or parked.
/// </summary>
static class CaseProgress
{
    public static async Task EnterAsync(NpgsqlConnection conn, NpgsqlTransaction tx, NpgsqlBatch writes, CaseState state,
        WorkflowDefinition definition, Transitioned moved, string actor, CancellationToken ct)
    {
        var @case = state.Case;
        var stage = moved.Entered;
        var now = DateTimeOffset.UtcNow;
        @case.Enter(moved.To, moved.Round, moved.PoliceConfirmed);
        if (stage.IsTerminal)
            @case.Close(stage.Outcome == TerminalOutcome.Verified ? CaseStatus.Verified : CaseStatus.Parked, now);
        if (stage.IsHuman)
        {
            if (stage.Id == definition.InitialStage && state.Pending.Count > 0)
                writes.BatchCommands.Add(Decide(state.Pending, CorrectionStatus.Rejected, now));
            writes.BatchCommands.Add(OpenTask(@case, stage, state.Priority, actor, now));
        }
        else if (stage.IsAutomatic)
            await ApplyAsync(conn, tx, writes, @case, state.Pending, actor, now, ct);
        else
        {
            writes.BatchCommands.Add(AuditChain.AppendCommand(@case.ParcelId, actor, "case_closed",
                new { case_id = @case.Id, stage = stage.Id, outcome = @case.Status.ToString().ToLowerInvariant(), round = @case.Round }));
        }
        writes.BatchCommands.Add(Of("UPDATE review_cases SET stage = $2, round = $3, police_confirmed = $4, status = $5, closed_at = $6 WHERE id = $1",
            Value(@case.Id), Value(@case.Stage), Value(@case.Round), Value(@case.PoliceConfirmed), Value(@case.Status.ToString()), Value(@case.ClosedAt)));
    }

    /// <summary>The new task and its audit entry in one statement: the entry names the task id the insert generates.</summary>
    static NpgsqlBatchCommand OpenTask(ReviewCase @case, StageDefinition stage, int priority, string actor, DateTimeOffset now) => Of($"""
        WITH task AS (
            INSERT INTO review_tasks (case_id, parcel_id, stage, role, jurisdiction, priority, created_at, due_at, escalate_at, status, revision)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'Open', 0)
            RETURNING id)
        SELECT audit_append($2, $10, 'task_opened', {AuditChain.WithOperatingSystemUser("""
            json_build_object('case_id', $1, 'task_id', id, 'stage', $3, 'role', $4, 'jurisdiction', $5, 'due_at', $8)
            """)})
        FROM task
        """,
        Value(@case.Id), Value(@case.ParcelId), Value(stage.Id), Value(stage.Role!),
        Value(stage.Jurisdiction == Jurisdiction.Commune ? @case.CommuneCode : ReferenceData.Current.Communes[@case.CommuneCode].ProvinceCode),
        Value(priority), Value(now), Value(stage.DueAt(now)), Value(stage.EscalateAt(now)), Value(actor));

    static NpgsqlBatchCommand Decide(IEnumerable<PendingCorrection> corrections, CorrectionStatus status, DateTimeOffset now) =>
        Of("UPDATE corrections SET status = $2, decided_at = $3 WHERE id = ANY($1)",
            Value(corrections.Select(c => c.Id).ToArray()), Value(status.ToString()), Value(now));

    /// <summary>
    /// Writes the approved corrections into the land record, refusing any whose field changed since it
    /// was proposed. Only this stage reads and writes before the batch (the approval path, not the queue's hot one).
    /// </summary>
    static async Task ApplyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, NpgsqlBatch writes, ReviewCase @case,
        IReadOnlyList<PendingCorrection> pending, string actor, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var c in pending)
        {
            var current = await CorrectionFields.ReadAsync(conn, tx, @case.ParcelId, c.Field, c.After, ct);
            if (current != c.Before)
                throw ReviewRefusals.FieldChanged(c.Field, @case.ParcelId, c.Before, current);
            int? added = null;
            if (CorrectionFields.IsRetirement(c.Field))
                await ParcelRetirement.RetireAsync(conn, tx, writes, @case, c, actor, now, ct);
            else
                added = await CorrectionFields.WriteAsync(conn, tx, @case.ParcelId, c.Field, c.After, ct);
            // An added owner's entry names the number it was given (owners[+] becomes owners[N]). The entry records the
            // parcel's state after the writes above, all done before the batch runs (lq audit verify compares it).
            writes.BatchCommands.Add(AuditChain.AppendWithStateCommand(@case.ParcelId, actor, "correction_applied",
                new { case_id = @case.Id, correction_id = c.Id, field = c.Field, before = c.Before, after = c.After, proposed_by = c.Actor, owner = added }));
        }
        if (pending.Count > 0)
            writes.BatchCommands.Add(Decide(pending, CorrectionStatus.Applied, now));
    }
}
