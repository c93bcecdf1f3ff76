using LandQuality.Review.Queue;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Cases;

/// <summary>
/// Everything a decision reads, in one batch and so one round trip, in this order: the reviewer,
/// the task (locked), the operation log (looked up after the lock, so a concurrent retry of the same
/// request waits for the first and then finds its result), the case (locked) with what its next
/// stage needs, and the current value of every field the request corrects.
/// </summary>
sealed record DecisionRead(Reviewer? Reviewer, ReviewTask? Task, DecisionOutcome? Done, CaseState? Case, IReadOnlyList<string?> Before)
{
    const string TaskCaseSql = "(SELECT case_id FROM review_tasks WHERE id = $1)";
    const string TaskParcelSql = "(SELECT parcel_id FROM review_tasks WHERE id = $1)";

    public static async Task<DecisionRead> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DecisionRequest request,
        IReadOnlyList<FieldChange> corrections, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx);
        batch.BatchCommands.Add(Of("SELECT role, jurisdiction FROM reviewers WHERE user_name = $1", Value(request.UserName)));
        batch.BatchCommands.Add(Of("""
            SELECT id, case_id, parcel_id, stage, role, jurisdiction, escalated_to_role, status, claimed_by, revision
            FROM review_tasks WHERE id = $1 FOR UPDATE
            """, Value(request.TaskId)));
        batch.BatchCommands.Add(OperationLog.FindCommand(request.OperationId));
        foreach (var cmd in CaseState.ReadCommands(TaskCaseSql, () => Value(request.TaskId)))
            batch.BatchCommands.Add(cmd);
        foreach (var change in corrections)
            batch.BatchCommands.Add(CorrectionFields.ReadCommand(change.Field, TaskParcelSql, Value(request.TaskId)));

        await using var r = await batch.ExecuteReaderAsync(ct);
        var reviewer = await r.ReadAsync(ct)
            ? new Reviewer { UserName = request.UserName, FullName = "", Role = r.GetString(0), Jurisdiction = r.GetString(1) }
            : null;
        await r.NextResultAsync(ct);
        var task = await r.ReadAsync(ct)
            ? ReviewTask.Restore(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6), Enum.Parse<ReviewTaskStatus>(r.GetString(7)), r.IsDBNull(8) ? null : r.GetString(8), r.GetInt32(9))
            : null;
        await r.NextResultAsync(ct);
        var done = await OperationLog.ReadAsync(r, request.OperationId, request.TaskId, ct);
        await r.NextResultAsync(ct);
        var @case = await CaseState.ReadAsync(r, ct);
        var before = new List<string?>();
        foreach (var _ in corrections)
        {
            before.Add(await r.ReadAsync(ct) && !r.IsDBNull(0) ? r.GetString(0) : null);
            await r.NextResultAsync(ct);
        }
        return new DecisionRead(reviewer, task, done, @case, before);
    }
}
