using System.Data;
using LandQuality.Audit;
using LandQuality.Review.Definitions;
using LandQuality.Rules.Runs;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Cases;

/// <summary>
/// Closes the cases of parcels an evaluation found clean — fixed at the source and re-imported, say —
/// inside the evaluation's transaction: the case ends verified by the system at its workflow's verified
/// stage, its open task is withdrawn with the reason (a reviewer holding it sees why it went), corrections
/// still waiting for approval are rejected, and the closing is an entry in the parcel's chain. A case at an automatic stage is left alone: the workflow is
/// routing it and will close it itself.
/// </summary>
public static class CaseCloser
{
    public const string SystemActor = "system";

    public static async Task CloseCleanAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string[] parcelIds, RunContext run, CancellationToken ct)
    {
        // The open cases locked first, in id order as a decision locks its case; what they wait on is read after
        // the lock, so a decision that committed meanwhile (a case moved to its automatic stage) is seen.
        await using (var lockCases = new NpgsqlCommand(
            "SELECT id FROM review_cases WHERE parcel_id = ANY($1) AND status = 'Open' ORDER BY id FOR UPDATE", conn, tx))
        {
            lockCases.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = parcelIds });
            await using var r = await lockCases.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct))
                return;
        }
        var cases = new List<(long Id, string ParcelId, string Stage, string WorkflowId, int Version, long[] Tasks, string?[] HeldBy)>();
        await using (var find = new NpgsqlCommand("""
            SELECT c.id, c.parcel_id, c.stage, c.workflow_id, c.workflow_version,
                   array_agg(t.id ORDER BY t.id) AS task_ids, array_agg(t.claimed_by ORDER BY t.id) AS held_by
            FROM review_cases c JOIN review_tasks t ON t.case_id = c.id AND t.status IN ('Open', 'Claimed')
            WHERE c.parcel_id = ANY($1) AND c.status = 'Open'
            GROUP BY c.id
            """, conn, tx))
        {
            find.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = parcelIds });
            await using var r = await find.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                cases.Add((r.GetInt64("id"), r.GetString("parcel_id"), r.GetString("stage"), r.GetString("workflow_id"), r.GetInt32("workflow_version"),
                    r.GetFieldValue<long[]>("task_ids"), r.GetFieldValue<string?[]>("held_by")));
        }
        var now = DateTimeOffset.UtcNow;
        var reason = $"Hồ sơ đã sạch theo lần đánh giá #{run.RunId} ({run.RuleSet} v{run.Version}); hồ sơ được hệ thống đóng. " +
                     $"The record passed every error rule in evaluation run #{run.RunId}; the system closed the case.";
        await using var writes = new NpgsqlBatch(conn, tx);
        foreach (var c in cases)
        {
            var stage = await VerifiedStageAsync(conn, tx, c.WorkflowId, c.Version, ct);
            writes.BatchCommands.Add(Of("""
                UPDATE review_tasks SET status = 'Withdrawn', reason = $2, completed_at = $3, revision = revision + 1
                WHERE case_id = $1 AND status IN ('Open', 'Claimed')
                """, Value(c.Id), Value(reason), Value(now)));
            writes.BatchCommands.Add(Of("UPDATE review_cases SET status = 'Verified', stage = $2, closed_at = $3 WHERE id = $1",
                Value(c.Id), Value(stage), Value(now)));
            // Corrections still waiting for approval are moot now; they stay in the table and the chain, rejected.
            writes.BatchCommands.Add(Of("UPDATE corrections SET status = 'Rejected', decided_at = $2 WHERE case_id = $1 AND status = 'Proposed'",
                Value(c.Id), Value(now)));
            writes.BatchCommands.Add(AuditChain.AppendCommand(c.ParcelId, SystemActor, "case_closed", new
            {
                case_id = c.Id, stage = c.Stage, to = stage, outcome = "verified", by = SystemActor, evaluation_run = run.RunId,
                rule_set = run.RuleSet, rule_set_version = run.Version, withdrawn_tasks = c.Tasks,
                held_by = c.HeldBy.Where(h => h is not null), reason,
            }));
        }
        if (writes.BatchCommands.Count > 0)
            await writes.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The workflow version's verified terminal stage (a valid definition has one: the validator requires a way to end verified).</summary>
    static async Task<string> VerifiedStageAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string workflowId, int version, CancellationToken ct) =>
        (await WorkflowStore.GetAsync(conn, tx, workflowId, version, ct)).Stages.First(s => s.IsTerminal && s.Outcome == TerminalOutcome.Verified).Id;
}
