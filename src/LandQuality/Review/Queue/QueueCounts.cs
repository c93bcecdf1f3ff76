using LandQuality.Data;
using Npgsql;

namespace LandQuality.Review.Queue;

/// <summary>One stage of a reviewer's queue: open tasks, how many are overdue or due within a day, and how many the reviewer holds.</summary>
public sealed record QueueStageCount(string Stage, long Open, long Overdue, long DueToday, long HeldByMe);

/// <summary>The counts at the top of "my queue": the tasks of the reviewer's role (or escalated to it) in their jurisdiction, per stage.</summary>
public static class QueueCounts
{
    // Three parts, each on its own index (the open queue, the escalated queue, what the reviewer holds): a join on
    // "role = r.role OR escalated_to_role = r.role" can use none of them, and scanned every task of the province.
    const string Sql = """
        WITH r AS MATERIALIZED (SELECT user_name, role, jurisdiction FROM reviewers WHERE user_name = $1),
        mine AS (
            SELECT t.stage, t.due_at, false AS held FROM r JOIN review_tasks t
                ON t.status = 'Open' AND t.role = r.role AND t.jurisdiction = r.jurisdiction
            UNION ALL
            SELECT t.stage, t.due_at, false FROM r JOIN review_tasks t
                ON t.status = 'Open' AND t.escalated_to_role = r.role AND t.jurisdiction = r.jurisdiction AND t.role <> r.role
            UNION ALL
            SELECT t.stage, t.due_at, true FROM r JOIN review_tasks t
                ON t.status = 'Claimed' AND t.claimed_by = r.user_name AND t.jurisdiction = r.jurisdiction
                AND (t.role = r.role OR t.escalated_to_role = r.role))
        SELECT stage,
               count(*) FILTER (WHERE NOT held),
               count(*) FILTER (WHERE NOT held AND due_at < now()),
               count(*) FILTER (WHERE NOT held AND due_at >= now() AND due_at < now() + interval '1 day'),
               count(*) FILTER (WHERE held)
        FROM mine GROUP BY stage ORDER BY stage
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
