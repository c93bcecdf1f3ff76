using LandQuality.Review.Queue;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Cases;

/// <summary>
/// Everything a decision reads, in one batch of three statements and so one round trip: first the
/// task and its case, both locked (task first, as every writer of a task does); then, with a
/// snapshot taken after the locks, one row with the reviewer, the operation log entry (looked up
/// after the lock, so a concurrent retry of the same request waits for the first and then finds its
/// result), what the case's next stage needs, the current value of every field the request corrects
/// and what checking it needs (the parcel's owner numbers, the state of a parcel to retire); last the corrections still pending. It was eight statements: even prepared, each costs
/// the server an executor start, a snapshot and its own protocol messages, hundreds of times a second.
/// </summary>
sealed record DecisionRead(Reviewer? Reviewer, ReviewTask? Task, DecisionOutcome? Done, CaseState? Case, IReadOnlyList<string?> Before,
    IReadOnlyList<string?> Targets)
{
    const string LockSql = $"""
        SELECT t.id, t.case_id, t.parcel_id, t.stage, t.role, t.jurisdiction, t.escalated_to_role, t.status, t.claimed_by, t.revision,
               {CaseState.Columns}
        FROM review_tasks t JOIN review_cases c ON c.id = t.case_id
        WHERE t.id = $1
        FOR UPDATE OF t, c
        """;

    public static async Task<DecisionRead> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DecisionRequest request,
        IReadOnlyList<FieldChange> corrections, CancellationToken ct)
    {
        // Parameters: $1 the task, $2 the reviewer, $3 the operation, then the key of each correction that
        // needs one (an owner's number, the parcel a retirement names). Columns: each correction's current
        // value, then what its proposal check needs to know about its target.
        var values = new List<string>();
        var targets = new List<string>();
        var seqs = new List<NpgsqlParameter>();
        foreach (var change in corrections)
        {
            var keySql = $"${4 + seqs.Count}";
            var (sql, key) = CorrectionFields.ValueSql(change.Field, change.Value, "t.parcel_id", keySql);
            values.Add(", " + sql);
            targets.Add(", " + CorrectionFields.TargetSql(change.Field, "t.parcel_id", keySql));
            if (key is not null)
                seqs.Add(key);
        }
        await using var batch = new NpgsqlBatch(conn, tx);
        batch.BatchCommands.Add(Of(LockSql, Value(request.TaskId)));
        batch.BatchCommands.Add(Of($"""
            SELECT r.role, r.jurisdiction, o.task_id, o.result, {CaseState.ContextColumns("t.parcel_id")}{string.Concat(values)}{string.Concat(targets)}
            FROM (VALUES (1)) AS one
            LEFT JOIN review_tasks t ON t.id = $1
            LEFT JOIN reviewers r ON r.user_name = $2
            LEFT JOIN task_operations o ON o.operation_id = $3
            """, [Value(request.TaskId), Value(request.UserName), Value(request.OperationId), .. seqs]));
        batch.BatchCommands.Add(CaseState.PendingCommand("(SELECT case_id FROM review_tasks WHERE id = $1)", Value(request.TaskId)));

        await using var r = await batch.ExecuteReaderAsync(ct);
        ReviewTask? task = null;
        ReviewCase? @case = null;
        if (await r.ReadAsync(ct))
        {
            task = ReviewTask.Restore(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6), Enum.Parse<ReviewTaskStatus>(r.GetString(7)), r.IsDBNull(8) ? null : r.GetString(8), r.GetInt32(9));
            @case = CaseState.ReadCase(r, 10);
        }
        await r.NextResultAsync(ct);
        await r.ReadAsync(ct); // always one row
        var reviewer = r.IsDBNull(0)
            ? null
            : new Reviewer { UserName = request.UserName, FullName = "", Role = r.GetString(0), Jurisdiction = r.GetString(1) };
        var done = OperationLog.Read(r, 2, request.OperationId, request.TaskId);
        var before = Enumerable.Range(6, corrections.Count).Select(i => r.IsDBNull(i) ? null : r.GetString(i)).ToList();
        var targetStates = Enumerable.Range(6 + corrections.Count, corrections.Count).Select(i => r.IsDBNull(i) ? null : r.GetString(i)).ToList();
        const int context = 4;
        var stages = r.GetFieldValue<string[]>(context);
        var priority = r.IsDBNull(context + 1) ? 0 : r.GetInt32(context + 1);
        await r.NextResultAsync(ct);
        var state = @case is null ? null : await CaseState.ReadAsync(@case, stages, priority, r, ct);
        return new DecisionRead(reviewer, task, done, state, before, targetStates);
    }
}
