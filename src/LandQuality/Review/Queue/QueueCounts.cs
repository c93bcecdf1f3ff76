using LandQuality.Data;
using Npgsql;

namespace LandQuality.Review.Queue;

/// <summary>One stage of a reviewer's queue: open tasks, how many are overdue or due within a day, and how many the reviewer holds.</summary>
public sealed record QueueStageCount(string Stage, long Open, long Overdue, long DueToday, long HeldByMe);

/// <summary>The counts at the top of "my queue": the tasks of the reviewer's role (or escalated to it) in their jurisdiction, per stage.</summary>
public static class QueueCounts
{
    const string Sql = """
        SELECT t.stage,
               count(*) FILTER (WHERE t.status = 'Open'),
               count(*) FILTER (WHERE t.status = 'Open' AND t.due_at < now()),
               count(*) FILTER (WHERE t.status = 'Open' AND t.due_at >= now() AND t.due_at < now() + interval '1 day'),
               count(*) FILTER (WHERE t.status = 'Claimed' AND t.claimed_by = r.user_name)
        FROM reviewers r
        JOIN review_tasks t ON t.jurisdiction = r.jurisdiction AND (t.role = r.role OR t.escalated_to_role = r.role)
        WHERE r.user_name = $1 AND t.status IN ('Open', 'Claimed')
        GROUP BY t.stage ORDER BY t.stage
        """;

    public static async Task<List<QueueStageCount>> LoadAsync(Database database, string userName, CancellationToken ct)
    {
        await using var cmd = database.DataSource.CreateCommand(Sql);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userName });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var counts = new List<QueueStageCount>();
        while (await r.ReadAsync(ct))
            counts.Add(new QueueStageCount(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)));
        return counts;
    }
}
