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
    public static NpgsqlBatchCommand FindCommand(string operationId) =>
        Of("SELECT task_id, result FROM task_operations WHERE operation_id = $1", Value(operationId));

    /// <summary>Reads the result of <see cref="FindCommand"/>: the stored outcome, or null when the operation is new.</summary>
    public static async Task<DecisionOutcome?> ReadAsync(NpgsqlDataReader r, string operationId, long taskId, CancellationToken ct)
    {
        if (!await r.ReadAsync(ct))
            return null;
        if (r.GetInt64(0) != taskId)
            throw new ReviewException($"Operation {operationId} was already used for task {r.GetInt64(0)}; use a new operation id.");
        return JsonSerializer.Deserialize<DecisionOutcome>(r.GetString(1));
    }

    public static NpgsqlBatchCommand RecordCommand(string operationId, long taskId, DecisionOutcome outcome) =>
        Of("INSERT INTO task_operations (operation_id, task_id, result, at) VALUES ($1, $2, $3, now())",
            Value(operationId), Value(taskId), Value(JsonSerializer.Serialize(outcome)));
}
