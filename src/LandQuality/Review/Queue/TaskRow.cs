using LandQuality.Data;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Queue;

/// <summary>
/// A review task as the queue's own SQL reads and saves it, and the decision path reads it (no change
/// tracker on these paths): the columns a state change checks or may change, read into the entity whose
/// methods decide the change, and written back in one UPDATE.
/// </summary>
static class TaskRow
{
    /// <summary>The columns, for a statement that names review_tasks <c>t</c>; they come first in its row.</summary>
    public static readonly ColumnList Columns = new("t.id", "t.case_id", "t.parcel_id", "t.stage", "t.role", "t.jurisdiction",
        "t.escalated_to_role", "t.status", "t.claimed_by", "t.revision", "t.priority", "t.due_at", "t.claimed_at", "t.escalated_at");

    static readonly int Id = Columns["id"], CaseId = Columns["case_id"], ParcelId = Columns["parcel_id"], Stage = Columns["stage"],
        Role = Columns["role"], Jurisdiction = Columns["jurisdiction"], EscalatedToRole = Columns["escalated_to_role"],
        Status = Columns["status"], ClaimedBy = Columns["claimed_by"], Revision = Columns["revision"], Priority = Columns["priority"],
        DueAt = Columns["due_at"], ClaimedAt = Columns["claimed_at"], EscalatedAt = Columns["escalated_at"];

    public static ReviewTask Read(NpgsqlDataReader r) => ReviewTask.Restore(r.GetInt64(Id), r.GetInt64(CaseId), r.GetString(ParcelId),
        r.GetString(Stage), r.GetString(Role), r.GetString(Jurisdiction), r.GetStringOrNull(EscalatedToRole),
        Enum.Parse<ReviewTaskStatus>(r.GetString(Status)), r.GetStringOrNull(ClaimedBy), r.GetInt32(Revision), r.GetInt32(Priority),
        r.GetValueOrNull<DateTimeOffset>(DueAt), r.GetValueOrNull<DateTimeOffset>(ClaimedAt), r.GetValueOrNull<DateTimeOffset>(EscalatedAt));

    /// <summary>What claiming, releasing, reassigning and escalating may change, written from the entity.</summary>
    public static NpgsqlBatchCommand SaveCommand(ReviewTask t) => Of("""
        UPDATE review_tasks SET status = $2, claimed_by = $3, claimed_at = $4, escalated_to_role = $5, escalated_at = $6, revision = $7
        WHERE id = $1
        """, Value(t.Id), Value(t.Status.ToString()), Value(t.ClaimedBy), Value(t.ClaimedAt), Value(t.EscalatedToRole), Value(t.EscalatedAt),
        Value(t.Revision));
}
