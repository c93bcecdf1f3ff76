using System.Text.Json;
using LandQuality.Audit;
using Database = LandQuality.Data.Database;
using LandQuality.Review.Queue;
using LandQuality.Review.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace LandQuality.Review.Cases;

/// <summary>A proposed field change: the field as named in the interchange files, and the new value (null clears it).</summary>
public sealed record FieldChange(string Field, string? Value);

/// <summary>A decision on a claimed task. <see cref="OperationId"/> makes a repeated request harmless.</summary>
public sealed record DecisionRequest(string UserName, long TaskId, int Revision, string Decision, string OperationId,
    string? Reason = null, IReadOnlyList<FieldChange>? Corrections = null, IReadOnlyList<long>? AttachmentIds = null);

/// <summary>Where the case went: its new stage, and whether the platform must now run the stage's automatic action.</summary>
public sealed record DecisionOutcome(long CaseId, string ParcelId, string FromStage, string ToStage, bool RunAutomatic, string Status);

/// <summary>
/// Completes a task with a decision, in one transaction: the task (revision-checked), the case's
/// stage moved by the workflow runtime on the case's pinned definition version, proposed corrections
/// stored with their before values, the next task opened or the case closed, and every step in the
/// parcel's audit chain. The operation id is stored with the result, so a retry returns it again.
/// </summary>
public sealed class DecisionService(Database database)
{
    public async Task<DecisionOutcome> DecideAsync(DecisionRequest request, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTx = (NpgsqlTransaction)tx.GetDbTransaction();
        var reviewer = await ReviewQueue.ReviewerAsync(db, request.UserName, ct);
        var task = await ReviewQueue.LockAsync(db, request.TaskId, ct);
        // Checked under the task's lock: a concurrent retry of the same request waits for the first and then finds its result.
        if (await OperationLog.FindAsync(conn, npgsqlTx, request.OperationId, task.Id, ct) is { } done)
            return done;
        ReviewQueue.Authorize(reviewer, task);
        var @case = await db.ReviewCases.FromSqlInterpolated($"SELECT *, xmin FROM review_cases WHERE id = {task.CaseId} FOR UPDATE").SingleAsync(ct);
        if (@case.Stage != task.Stage || @case.Status != CaseStatus.Open)
            throw new ReviewConflictException($"Case {@case.Id} is at {@case.Stage} ({@case.Status}), not at this task's stage {task.Stage}.");
        var definition = await new WorkflowStore(database).GetAsync(@case.WorkflowId, @case.WorkflowVersion, ct);
        var corrections = request.Corrections ?? [];
        if (corrections.Select(c => CorrectionFields.Check(c.Field, c.Value)).FirstOrDefault(e => e is not null) is { } invalid)
            throw new ReviewException(invalid);

        var result = WorkflowRuntime.Decide(definition, @case.Stage, request.Decision, await CaseContext.ForAsync(db, @case, ct),
            request.Reason, corrections.Count > 0, request.AttachmentIds is { Count: > 0 });
        if (result is TransitionRejected rejected)
            throw new ReviewException(rejected.Message);
        var moved = (Transitioned)result;
        var now = DateTimeOffset.UtcNow;
        task.Complete(request.UserName, request.Revision, request.Decision, request.Reason, now);

        foreach (var change in corrections)
        {
            var before = await CorrectionFields.ReadAsync(conn, npgsqlTx, task.ParcelId, change.Field, ct);
            db.Corrections.Add(new Correction
            {
                CaseId = @case.Id, TaskId = task.Id, ParcelId = task.ParcelId, Field = change.Field, Before = before, After = change.Value,
                Actor = request.UserName, At = now, Reason = request.Reason, AttachmentIds = [.. request.AttachmentIds ?? []],
            });
            await AuditChain.AppendAsync(db, task.ParcelId, request.UserName, "correction_proposed",
                new { case_id = @case.Id, task_id = task.Id, field = change.Field, before, after = change.Value, reason = request.Reason }, ct);
        }
        await AuditChain.AppendAsync(db, task.ParcelId, request.UserName, "decision", new
        {
            case_id = @case.Id, task_id = task.Id, stage = @case.Stage, decision = request.Decision, reason = request.Reason,
            to = moved.To, workflow = definition.Id, workflow_version = definition.Version, attachments = request.AttachmentIds,
        }, ct);
        await CaseProgress.EnterAsync(db, @case, definition, moved, request.UserName, ct);
        await db.SaveChangesAsync(ct);

        var outcome = new DecisionOutcome(@case.Id, @case.ParcelId, moved.From, moved.To, moved.Next == NextStep.RunAutomatic,
            @case.Status.ToString().ToLowerInvariant());
        await OperationLog.RecordAsync(conn, npgsqlTx, request.OperationId, task.Id, JsonSerializer.Serialize(outcome), ct);
        await tx.CommitAsync(ct);
        return outcome;
    }
}
