using System.Data;
using System.Globalization;
using LandQuality.Data;
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
/// and what checking it needs (the parcel's owner numbers, the state of a parcel to retire); last the
/// corrections still pending. Few statements, because even a prepared one costs the server an executor
/// start, a snapshot and its own protocol messages, hundreds of times a second.
/// </summary>
sealed record DecisionRead(Reviewer? Reviewer, ReviewTask? Task, DecisionOutcome? Done, CaseState? Case, IReadOnlyList<string?> Before,
    IReadOnlyList<string?> Targets)
{
    static readonly string LockSql = $"""
        SELECT {TaskRow.Columns.Sql}, {CaseRow.Columns.Sql}
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
            values.Add($", {sql} AS {BeforeColumn(values.Count)}");
            targets.Add($", {CorrectionFields.TargetSql(change.Field, "t.parcel_id", keySql)} AS {TargetColumn(targets.Count)}");
            if (key is not null)
                seqs.Add(key);
        }
        await using var batch = new NpgsqlBatch(conn, tx);
        batch.BatchCommands.Add(Of(LockSql, Value(request.TaskId)));
        batch.BatchCommands.Add(Of($"""
            SELECT r.role, r.jurisdiction, {OperationLog.Columns}, {CaseState.ContextColumns("t.parcel_id")}{string.Concat(values)}{string.Concat(targets)}
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
            task = TaskRow.Read(r);
            @case = CaseRow.Read(r, first: TaskRow.Columns.Count);
        }
        await r.NextResultAsync(ct);
        await r.ReadAsync(ct); // always one row
        var reviewer = r.IsDBNull("role")
            ? null
            : new Reviewer { UserName = request.UserName, FullName = "", Role = r.GetString("role"), Jurisdiction = r.GetString("jurisdiction") };
        var done = OperationLog.Read(r, request.TaskId);
        var before = corrections.Select((_, i) => r.GetStringOrNull(BeforeColumn(i))).ToList();
        var targetStates = corrections.Select((_, i) => r.GetStringOrNull(TargetColumn(i))).ToList();
        var (stages, priority) = CaseState.ReadContext(r);
        await r.NextResultAsync(ct);
        var state = @case is null ? null : await CaseState.ReadAsync(@case, stages, priority, r, ct);
        return new DecisionRead(reviewer, task, done, state, before, targetStates);
    }

    /// <summary>The current value of the request's <paramref name="i"/>th correction.</summary>
    static string BeforeColumn(int i) => string.Create(CultureInfo.InvariantCulture, $"before_{i}");

    /// <summary>What checking the request's <paramref name="i"/>th correction needs to know about its target.</summary>
    static string TargetColumn(int i) => string.Create(CultureInfo.InvariantCulture, $"target_{i}");
}
