using System.Text.Json;
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
    /// <summary>
    /// The stored outcome from two columns of the caller's statement (task_id and result of
    /// task_operations, null when the operation is new), starting at <paramref name="first"/>.
    /// </summary>
    public static DecisionOutcome? Read(NpgsqlDataReader r, int first, string operationId, long taskId)
    {
        if (r.IsDBNull(first))
            return null;
        if (r.GetInt64(first) != taskId)
            throw new ReviewException($"Operation {operationId} was already used for task {r.GetInt64(first)}; use a new operation id.");
        return JsonSerializer.Deserialize<DecisionOutcome>(r.GetString(first + 1));
    }

    public static NpgsqlBatchCommand RecordCommand(string operationId, long taskId, DecisionOutcome outcome) =>
        Of("INSERT INTO task_operations (operation_id, task_id, result, at) VALUES ($1, $2, $3, now())",
            Value(operationId), Value(taskId), Value(JsonSerializer.Serialize(outcome)));
}
