using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Queue;

/// <summary>
/// A review task as the queue's own SQL reads and saves it (no change tracker on these paths): the
/// columns a state change checks or may change, read into the entity whose methods decide the
/// change, and written back in one UPDATE.
/// </summary>
static class TaskRow
{
    public const string Columns =
        "id, case_id, parcel_id, stage, role, jurisdiction, escalated_to_role, status, claimed_by, revision, priority, due_at, claimed_at, escalated_at";

    /// <summary><see cref="Columns"/> for a statement that names review_tasks <paramref name="alias"/> (a join with columns of the same names).</summary>
    public static string ColumnsOf(string alias) => string.Join(", ", Columns.Split(", ").Select(c => $"{alias}.{c}"));

    /// <summary>The task from <see cref="Columns"/>, the first fourteen columns of the row.</summary>
    public static ReviewTask Read(NpgsqlDataReader r) => ReviewTask.Restore(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3),
        r.GetString(4), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), Enum.Parse<ReviewTaskStatus>(r.GetString(7)),
        r.IsDBNull(8) ? null : r.GetString(8), r.GetInt32(9), r.GetInt32(10), Timestamp(r, 11), Timestamp(r, 12), Timestamp(r, 13));

    /// <summary>What claiming, releasing, reassigning and escalating may change, written from the entity.</summary>
    public static NpgsqlBatchCommand SaveCommand(ReviewTask t) => Of("""
        UPDATE review_tasks SET status = $2, claimed_by = $3, claimed_at = $4, escalated_to_role = $5, escalated_at = $6, revision = $7
        WHERE id = $1
        """, Value(t.Id), Value(t.Status.ToString()), Value(t.ClaimedBy), Value(t.ClaimedAt), Value(t.EscalatedToRole), Value(t.EscalatedAt),
        Value(t.Revision));

    static DateTimeOffset? Timestamp(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
