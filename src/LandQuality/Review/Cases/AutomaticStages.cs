using LandQuality.Audit;
using LandQuality.Data;
using LandQuality.Review.Queue;
using LandQuality.Review.Runtime;
using LandQuality.Rules.Runs;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Cases;

/// <summary>
/// Runs a case's automatic stage after the decision that entered it has committed (the stored stage
/// is the outbox: if the process dies here, the sweep finds the case still at its automatic stage
/// and runs it again). Re-evaluation is under the published rule set, of the case's parcel and of
/// every other parcel sharing a key its corrections changed (<see cref="RelatedParcels"/>, named in the
/// <c>reevaluated</c> audit entry); the route then follows the new findings, and the case's row lock
/// keeps two nodes from routing it twice.
/// </summary>
public sealed class AutomaticStages(Database database)
{
    /// <summary>Returns the stage the case ended in, or null when it was no longer at an automatic stage.</summary>
    public async Task<string?> RunAsync(long caseId, string actor, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var snapshot = await db.ReviewCases.AsNoTracking().SingleAsync(c => c.Id == caseId, ct);
        var definition = await new WorkflowStore(database).GetAsync(snapshot.WorkflowId, snapshot.WorkflowVersion, ct);
        if (snapshot.Status != CaseStatus.Open || !WorkflowRuntime.IsAutomatic(definition, snapshot.Stage))
            return null;
        var runner = new EvaluationRunner(database);
        var evaluation = await runner.EvaluateParcelAsync(snapshot.ParcelId, new EvaluationRequest(actor), ct);
        // A corrected ID number, parcel key or retirement also changes the cross-record facts of the parcels
        // that share the old or the new key: they are re-evaluated too, so a finding shared by two parcels
        // (duplicate_parcel_key, id_number_multiple_names) clears on both.
        var related = await RelatedParcels.FindAsync(database.DataSource, caseId, snapshot.ParcelId, ct);
        foreach (var other in related)
            await runner.EvaluateParcelAsync(other, new EvaluationRequest(actor), ct);

        await using var conn = await database.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        CaseState state;
        await using (var read = new NpgsqlBatch(conn, tx))
        {
            // The case locked first; what its next stage needs read after the lock, with a snapshot that sees the other node's commit.
            read.BatchCommands.Add(Of($"SELECT {CaseRow.Columns.Sql} FROM review_cases c WHERE c.id = $1 FOR UPDATE", Value(caseId)));
            read.BatchCommands.Add(Of($"SELECT {CaseState.ContextColumns("(SELECT parcel_id FROM review_cases WHERE id = $1)")}", Value(caseId)));
            read.BatchCommands.Add(CaseState.PendingCommand("$1", Value(caseId)));
            await using var r = await read.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct); // the case exists: it was read above
            var locked = CaseRow.Read(r);
            await r.NextResultAsync(ct);
            await r.ReadAsync(ct);
            var (stages, priority) = CaseState.ReadContext(r);
            await r.NextResultAsync(ct);
            state = await CaseState.ReadAsync(locked, stages, priority, r, ct);
        }
        var @case = state.Case;
        if (@case.Stage != snapshot.Stage || @case.Status != CaseStatus.Open)
            return null; // another node routed it meanwhile
        var result = WorkflowRuntime.ResolveAutomatic(definition, @case.Stage, state.Context);
        if (result is not Transitioned moved)
            throw new ReviewException(((TransitionRejected)result).Message);
        await using var writes = new NpgsqlBatch(conn, tx);
        writes.BatchCommands.Add(AuditChain.AppendCommand(@case.ParcelId, actor, "reevaluated", new
        {
            case_id = @case.Id, evaluation_run = evaluation.RunId, rule_set = evaluation.RuleSet, rule_set_version = evaluation.Version,
            failing = evaluation.FailuresPerRule.Keys.Order(StringComparer.Ordinal), verified = evaluation.ParcelsVerified == 1, to = moved.To,
            also_reevaluated = related,
        }));
        await CaseProgress.EnterAsync(conn, tx, writes, state, definition, moved, actor, ct);
        await writes.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return moved.To;
    }
}
