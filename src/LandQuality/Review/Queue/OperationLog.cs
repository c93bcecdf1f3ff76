using System.Data;
using System.Text.Json;
using LandQuality.Data;
using LandQuality.Review.Cases;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Queue;

/// <summary>A completed request, kept so that repeating it (a retry after a timeout) returns the same result and changes nothing.</summary>
public sealed class TaskOperation
{
    public required string OperationId { get; init; }
    public long TaskId { get; init; }
    public required string Result { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>The stored results of completed requests, read and written as commands of the decision's batches.</summary>
static class OperationLog
{
    /// <summary>The two columns <see cref="Read"/> takes, for a statement that joins task_operations as <c>o</c>.</summary>
    public const string Columns = "o.task_id AS operation_task_id, o.result AS operation_result";

    /// <summary>The stored outcome from the <see cref="Columns"/> of the current row, null when the operation is new.</summary>
    public static DecisionOutcome? Read(NpgsqlDataReader r, long taskId)
    {
        if (r.GetValueOrNull<long>("operation_task_id") is not { } usedFor)
            return null;
        if (usedFor != taskId)
            throw new OperationReusedException();
        return JsonSerializer.Deserialize<DecisionOutcome>(r.GetString("operation_result"));
    }

    /// <summary>
    /// The key <see cref="RecordCommand"/> inserts under: two decisions on different tasks with one new operation id
    /// both read it as unused, and the second to commit breaks this key instead of returning the first's outcome.
    /// </summary>
    public const string KeyConstraint = "pk_task_operations";

    public static NpgsqlBatchCommand RecordCommand(string operationId, long taskId, DecisionOutcome outcome) =>
        Of("INSERT INTO task_operations (operation_id, task_id, result, at) VALUES ($1, $2, $3, now())",
            Value(operationId), Value(taskId), Value(JsonSerializer.Serialize(outcome)));
}

/// <summary>
/// An operation id already used for a decision on another task. Its message names neither that task nor the id: an
/// operation id is only as secret as the client keeps it, and the other task may lie outside the caller's jurisdiction.
/// </summary>
public sealed class OperationReusedException() : ReviewException(
    "Mã thao tác này đã được dùng cho một yêu cầu khác; hãy dùng mã thao tác mới. — This operation id was already used for another request; use a new operation id.");
