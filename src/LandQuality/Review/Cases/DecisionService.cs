using LandQuality.Audit;
using LandQuality.Review.Queue;
using LandQuality.Review.Runtime;
using Npgsql;
using static LandQuality.Data.BatchCommands;
using Database = LandQuality.Data.Database;

namespace LandQuality.Review.Cases;

/// <summary>A proposed field change: the field as named in the interchange files, and the new value (null clears it).</summary>
public sealed record FieldChange(string Field, string? Value);

/// <summary>A decision on a claimed task. <see cref="OperationId"/> makes a repeated request harmless.</summary>
public sealed record DecisionRequest(string UserName, long TaskId, int Revision, string Decision, string OperationId,
    string? Reason = null, IReadOnlyList<FieldChange>? Corrections = null, IReadOnlyList<long>? AttachmentIds = null);

/// <summary>
/// Where the case went: the stage the decision moved it to, whether that stage is automatic, and —
/// when it was — the stage the automatic step left it in (<see cref="AfterReevaluation"/>), or why
/// that step has not finished yet (the sweep finishes it).
/// </summary>
public sealed record DecisionOutcome(long CaseId, string ParcelId, string FromStage, string ToStage, bool RunAutomatic, string Status,
    string? AfterReevaluation = null, string? AutomaticPending = null);

/// <summary>
/// Completes a task with a decision, in one transaction: the task (revision-checked), the case's
/// stage moved by the workflow runtime on the case's pinned definition version, proposed corrections
/// stored with their before values, the next task opened or the case closed, and every step in the
/// parcel's audit chain. The operation id is stored with the result, so a retry returns it again.
/// The hot path is one read batch, the transition computed here on the cached definition, and one
/// write batch that ends with the COMMIT: two round trips whatever the decision.
/// </summary>
public sealed class DecisionService(Database database)
{
    /// <summary>
    /// After a decision that enters an automatic stage commits, run that stage here, so every front end
    /// gets the same workflow. Off only to stand for a process that dies between the two (tests).
    /// </summary>
    public bool RunsAutomaticStages { get; init; } = true;

    public async Task<DecisionOutcome> DecideAsync(DecisionRequest request, CancellationToken ct)
    {
        var outcome = await DecideOnlyAsync(request, ct);
        if (!outcome.RunAutomatic || !RunsAutomaticStages || outcome.Status != "open")
            return outcome;
        // The stored stage is the outbox: a failure here leaves the case at its automatic stage for the sweep.
        try
        {
            var after = await new AutomaticStages(database).RunAsync(outcome.CaseId, request.UserName, ct);
            return outcome with { AfterReevaluation = after };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return outcome with { AutomaticPending = $"re-evaluation did not finish ({e.Message}); the sweep (lq cases sweep) will finish it" };
        }
    }

    async Task<DecisionOutcome> DecideOnlyAsync(DecisionRequest request, CancellationToken ct)
    {
        if (CorrectionFields.CheckDecision(request.Corrections ?? []) is { } invalid)
            throw new ReviewException(invalid);
        // Owners and land use are stored in their text form, the form their before values are read in.
        IReadOnlyList<FieldChange> corrections = [.. (request.Corrections ?? []).Select(c => c with { Value = CorrectionFields.Normalize(c.Field, c.Value) })];
        await using var conn = await database.Stateless.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var read = await DecisionRead.LoadAsync(conn, tx, request, corrections, ct);
        var reviewer = read.Reviewer ?? throw ReviewRefusals.NotRegistered(request.UserName);
        var task = read.Task ?? throw ReviewRefusals.NoTask(request.TaskId);
        if (read.Done is { } done)
        {
            // A repeated operation returns its first outcome to whoever decided it, or to someone who may work the
            // task; to anyone else the task is not found, as it would be without the operation id.
            if (task.CompletedBy != request.UserName)
                ReviewQueue.Authorize(reviewer, task);
            return done;
        }
        ReviewQueue.Authorize(reviewer, task);
        var state = read.Case!; // the task's foreign key guarantees its case
        var @case = state.Case;
        if (@case.Stage != task.Stage || @case.Status != CaseStatus.Open)
            throw ReviewRefusals.WrongStage(@case.Id, @case.Stage, @case.Status.ToString(), task.Stage);
        var definition = await new WorkflowStore(database).GetAsync(@case.WorkflowId, @case.WorkflowVersion, ct);

        var result = WorkflowRuntime.Decide(definition, @case.Stage, request.Decision, state.Context,
            request.Reason, corrections.Count > 0, request.AttachmentIds is { Count: > 0 });
        if (result is TransitionRejected rejected)
            throw ReviewRefusals.Rejected(rejected);
        var moved = (Transitioned)result;
        // Checked against the parcel as it is now, so an owner that does not exist is refused here and not at approval.
        if (corrections.Select((c, i) => CorrectionFields.CheckTarget(c, read.Targets[i])).FirstOrDefault(e => e is not null) is { } unfit)
            throw new ReviewException(unfit);
        var now = DateTimeOffset.UtcNow;
        task.Complete(request.UserName, request.Revision, request.Decision, request.Reason, now);

        await using var writes = new NpgsqlBatch(conn, tx);
        writes.BatchCommands.Add(Of("""
            UPDATE review_tasks SET status = $2, completed_by = $3, completed_at = $4, decision = $5, reason = $6, revision = $7 WHERE id = $1
            """, Value(task.Id), Value(task.Status.ToString()), Value(task.CompletedBy), Value(task.CompletedAt), Value(task.Decision),
            Value(task.Reason), Value(task.Revision)));
        for (var i = 0; i < corrections.Count; i++)
        {
            var (change, before) = (corrections[i], read.Before[i]);
            writes.BatchCommands.Add(Of("""
                INSERT INTO corrections (case_id, task_id, parcel_id, field, before, after, actor, at, reason, attachment_ids, status)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'Proposed')
                """, Value(@case.Id), Value(task.Id), Value(task.ParcelId), Value(change.Field), Value(before), Value(change.Value),
                Value(request.UserName), Value(now), Value(request.Reason), Value<long[]>([.. request.AttachmentIds ?? []])));
            writes.BatchCommands.Add(AuditChain.AppendCommand(task.ParcelId, request.UserName, "correction_proposed",
                new { case_id = @case.Id, task_id = task.Id, field = change.Field, before, after = change.Value, reason = request.Reason }));
        }
        writes.BatchCommands.Add(AuditChain.AppendCommand(task.ParcelId, request.UserName, "decision", new
        {
            case_id = @case.Id, task_id = task.Id, stage = @case.Stage, decision = request.Decision, reason = request.Reason,
            to = moved.To, workflow = definition.Id, workflow_version = definition.Version, attachments = request.AttachmentIds,
        }));
        await CaseProgress.EnterAsync(conn, tx, writes, state, definition, moved, request.UserName, ct);

        var outcome = new DecisionOutcome(@case.Id, @case.ParcelId, moved.From, moved.To, moved.Next == NextStep.RunAutomatic,
            @case.Status.ToString().ToLowerInvariant());
        writes.BatchCommands.Add(OperationLog.RecordCommand(request.OperationId, task.Id, outcome));
        // The commit travels with the writes (one round trip less). A failing write makes PostgreSQL skip
        // the rest of the batch, COMMIT included, and disposing tx rolls back; after the COMMIT the
        // connection reports no open transaction, so disposing tx sends nothing.
        writes.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        try
        {
            await writes.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == OperationLog.KeyConstraint)
        {
            throw new OperationReusedException();
        }
        return outcome;
    }
}
