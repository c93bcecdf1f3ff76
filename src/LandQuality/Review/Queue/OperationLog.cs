using System.Text.Json;
using LandQuality.Review.Cases;
using Npgsql;

namespace LandQuality.Review.Queue;

/// <summary>A completed request, kept so that repeating it (a retry after a timeout) returns the same result and changes nothing.</summary>
public sealed class TaskOperation
{
    public required string OperationId { get; init; }
    public long TaskId { get; init; }
    public required string Result { get; init; }
    public DateTimeOffset At { get; init; }
}

static class OperationLog
{
    public static async Task<DecisionOutcome?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string operationId, long taskId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT task_id, result FROM task_operations WHERE operation_id = $1", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = operationId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
            return null;
        if (r.GetInt64(0) != taskId)
            throw new ReviewException($"Operation {operationId} was already used for task {r.GetInt64(0)}; use a new operation id.");
        return JsonSerializer.Deserialize<DecisionOutcome>(r.GetString(1));
    }

    public static async Task RecordAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string operationId, long taskId, string result, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("INSERT INTO task_operations (operation_id, task_id, result, at) VALUES ($1, $2, $3, now())", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = operationId });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = taskId });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = result });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
