using System.Data;
using LandQuality.Audit;
using LandQuality.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Queue;

/// <summary>What a reviewer sees of a task; ID numbers are masked for roles that do not need them.</summary>
public sealed record TaskView(long Id, long CaseId, string ParcelId, string Stage, string Role, string Jurisdiction, int Priority,
    DateTimeOffset? DueAt, string Status, string? ClaimedBy, int Revision, bool Escalated);

/// <summary>
/// The work queues. A reviewer sees and claims only tasks of their role in their jurisdiction (and,
/// for a supervisor, tasks escalated to their role there). Claims take the row with
/// <c>FOR UPDATE SKIP LOCKED</c>, so concurrent reviewers never wait on or double-claim one task.
/// </summary>
public sealed class ReviewQueue(Database database)
{
    /// <summary>
    /// Claim next in one statement, so one round trip and no explicit transaction: the reviewer's role
    /// and jurisdiction are looked up inside it, each queue form walks its index in order and takes
    /// the first row nobody holds (<c>FOR UPDATE SKIP LOCKED</c>), and the claim's audit entry is
    /// appended by the same statement. The reviewer's row comes back even when no task is left.
    /// </summary>
    const string ClaimNextSql = """
        WITH reviewer AS MATERIALIZED (
            SELECT role, jurisdiction, role = ANY($2) AS supervisor,
                   set_config('synchronous_commit', 'off', true) -- see ClaimNextAsync
            FROM reviewers WHERE user_name = $1),
        staff_pick AS (
            SELECT id FROM review_tasks
            WHERE status = 'Open' AND role = (SELECT role FROM reviewer) AND jurisdiction = (SELECT jurisdiction FROM reviewer)
              AND NOT (SELECT supervisor FROM reviewer)
            ORDER BY priority DESC, due_at, id
            LIMIT 1 FOR UPDATE SKIP LOCKED),
        supervisor_pick AS (
            SELECT id FROM review_tasks
            WHERE status = 'Open' AND escalated_to_role = (SELECT role FROM reviewer) AND jurisdiction = (SELECT jurisdiction FROM reviewer)
              AND (SELECT supervisor FROM reviewer)
            ORDER BY priority DESC, due_at, id
            LIMIT 1 FOR UPDATE SKIP LOCKED),
        claimed AS (
            UPDATE review_tasks SET status = 'Claimed', claimed_by = $1, claimed_at = now(), revision = revision + 1
            WHERE id IN (SELECT id FROM staff_pick UNION ALL SELECT id FROM supervisor_pick)
            RETURNING id, case_id, parcel_id, stage, role, jurisdiction, priority, due_at, revision, escalated_to_role)
        SELECT EXISTS (SELECT FROM reviewer) AS registered, c.id, c.case_id, c.parcel_id, c.stage, c.role, c.jurisdiction, c.priority, c.due_at,
               c.revision, c.escalated_to_role,
               CASE WHEN c.id IS NOT NULL
                    THEN audit_append(c.parcel_id, $1, 'task_claimed', json_strip_nulls(json_build_object('task_id', c.id, 'stage', c.stage, 'os_user', $3::text))::text) END AS audited
        FROM (VALUES (1)) AS one LEFT JOIN claimed c ON true
        """;

    /// <summary>
    /// The best open task for the reviewer (highest priority, then earliest due), claimed; null when
    /// none is left. The claim alone commits without waiting for its WAL flush (every decision does
    /// wait): a claim is a lease, and one lost in a server crash only puts the task back in the queue,
    /// where the reviewer's decision is refused by its revision check. The audit chain cannot break:
    /// a later durable commit flushes all WAL before it, this claim's entry included. That halves the
    /// flushes per reviewer step.
    /// Claims have their own connections (<see cref="Database.Quick"/>), so they never queue behind a
    /// decision waiting for the disk.
    /// </summary>
    public async Task<TaskView?> ClaimNextAsync(string userName, CancellationToken ct)
    {
        await using var cmd = database.Quick.CreateCommand(ClaimNextSql);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userName });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. Roles.SupervisorRoles] });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)AuditChain.OperatingSystemUser ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        if (!r.GetBoolean("registered"))
            throw ReviewRefusals.NotRegistered(userName);
        if (r.IsDBNull("id"))
            return null;
        return new TaskView(r.GetInt64("id"), r.GetInt64("case_id"), r.GetString("parcel_id"), r.GetString("stage"), r.GetString("role"),
            r.GetString("jurisdiction"), r.GetInt32("priority"), r.GetValueOrNull<DateTimeOffset>("due_at"), "claimed", userName,
            r.GetInt32("revision"), !r.IsDBNull("escalated_to_role"));
    }

    /// <summary>Claims a specific task; refused when it is not the reviewer's to take or someone has it.</summary>
    public Task<TaskView> ClaimAsync(string userName, long taskId, CancellationToken ct) =>
        ChangeAsync(taskId, [userName], (people, task, now) =>
        {
            Authorize(people[0], task);
            task.Claim(userName, now);
            return (userName, "task_claimed", new { task_id = task.Id, stage = task.Stage });
        }, ct, isLease: true);

    /// <summary>
    /// Gives a claimed task back to the queue. A task the reviewer neither holds nor may work is not found,
    /// as for a claim: "not claimed by you" would disclose that it exists.
    /// </summary>
    public Task<TaskView> ReleaseAsync(string userName, long taskId, CancellationToken ct) =>
        ChangeAsync(taskId, [userName], (people, task, _) =>
        {
            if (task.ClaimedBy != userName)
                Authorize(people[0], task);
            task.Release(userName);
            return (userName, "task_released", new { task_id = task.Id, stage = task.Stage });
        }, ct);

    /// <summary>A supervisor (the stage's escalation role in the same jurisdiction) hands a task to a reviewer of the task's role there.</summary>
    public Task<TaskView> ReassignAsync(string supervisorName, long taskId, string toUser, CancellationToken ct) =>
        ChangeAsync(taskId, [supervisorName, toUser], (people, task, now) =>
        {
            var (supervisor, target) = (people[0], people[1]);
            if (!Roles.IsSupervisorOf(supervisor.Role, task.Role) || supervisor.Jurisdiction != task.Jurisdiction)
                throw new ReviewForbiddenException($"{supervisorName} does not supervise {task.Role} tasks in {task.Jurisdiction}.");
            Authorize(target, task);
            var from = task.ClaimedBy;
            task.Reassign(toUser, now);
            return (supervisorName, "task_reassigned", new { task_id = task.Id, from, to = toUser });
        }, ct);

    /// <summary>
    /// One state change of one task in two round trips, as the claim-next and decision paths do it: the
    /// reviewers named (each must be registered) and the task, locked, in one batch; the change decided
    /// by the entity's method in <paramref name="change"/>, which returns the audit entry; the update,
    /// the entry and the COMMIT in a second batch. A claim (<paramref name="isLease"/>) commits without
    /// waiting for its WAL flush, as claim next does (see <see cref="ClaimNextAsync"/>).
    /// </summary>
    async Task<TaskView> ChangeAsync(long taskId, string[] userNames,
        Func<Reviewer[], ReviewTask, DateTimeOffset, (string Actor, string Kind, object Payload)> change, CancellationToken ct,
        bool isLease = false)
    {
        await using var conn = await (isLease ? database.Quick : database.Stateless).OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var people = new Reviewer[userNames.Length];
        ReviewTask? task;
        await using (var read = new NpgsqlBatch(conn, tx))
        {
            foreach (var name in userNames)
                read.BatchCommands.Add(Of("SELECT role, jurisdiction FROM reviewers WHERE user_name = $1", Value(name)));
            read.BatchCommands.Add(Of($"SELECT {TaskRow.Columns.Sql} FROM review_tasks t WHERE t.id = $1 FOR UPDATE", Value(taskId)));
            await using var r = await read.ExecuteReaderAsync(ct);
            for (var i = 0; i < userNames.Length; i++)
            {
                people[i] = await r.ReadAsync(ct)
                    ? new Reviewer { UserName = userNames[i], FullName = "", Role = r.GetString("role"), Jurisdiction = r.GetString("jurisdiction") }
                    : throw ReviewRefusals.NotRegistered(userNames[i]);
                await r.NextResultAsync(ct);
            }
            task = await r.ReadAsync(ct) ? TaskRow.Read(r) : throw ReviewRefusals.NoTask(taskId);
        }
        var (actor, kind, payload) = change(people, task, DateTimeOffset.UtcNow);
        await using var writes = new NpgsqlBatch(conn, tx)
        {
            BatchCommands = { TaskRow.SaveCommand(task), AuditChain.AppendCommand(task.ParcelId, actor, kind, payload) },
        };
        if (isLease)
            writes.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
        writes.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await writes.ExecuteNonQueryAsync(ct);
        return View(task);
    }

    /// <summary>
    /// The reviewer's queue: their open tasks and the ones they hold, best first. Three queries, each on its own index
    /// (the open queue, the escalated queue, the tasks the reviewer holds); one query with "role or escalated role, open
    /// or held" could use none and read every task of the jurisdiction.
    /// </summary>
    public async Task<List<TaskView>> ListAsync(string userName, int limit, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        return await ListAsync(db, await ReviewerAsync(db, userName, ct), limit, ct);
    }

    /// <summary>As <see cref="ListAsync(string, int, CancellationToken)"/> for a reviewer already read (the web's signed-in account).</summary>
    public async Task<List<TaskView>> ListAsync(Reviewer reviewer, int limit, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        return await ListAsync(db, reviewer, limit, ct);
    }

    static async Task<List<TaskView>> ListAsync(LandQualityDbContext db, Reviewer r, int limit, CancellationToken ct)
    {
        var userName = r.UserName;
        var tasks = db.ReviewTasks.AsNoTracking();
        var open = await Best(tasks.Where(t => t.Status == ReviewTaskStatus.Open && t.Role == r.Role && t.Jurisdiction == r.Jurisdiction)).ToListAsync(ct);
        var escalated = await Best(tasks.Where(t => t.Status == ReviewTaskStatus.Open && t.EscalatedToRole == r.Role && t.Jurisdiction == r.Jurisdiction
            && t.Role != r.Role)).ToListAsync(ct);
        var held = await tasks.Where(t => t.Status == ReviewTaskStatus.Claimed && t.ClaimedBy == userName && t.Jurisdiction == r.Jurisdiction
            && (t.Role == r.Role || t.EscalatedToRole == r.Role)).ToListAsync(ct);
        return open.Concat(escalated).Concat(held)
            .OrderByDescending(t => t.Priority).ThenBy(t => t.DueAt).ThenBy(t => t.Id).Take(limit).Select(View).ToList();

        IQueryable<ReviewTask> Best(IQueryable<ReviewTask> query) =>
            query.OrderByDescending(t => t.Priority).ThenBy(t => t.DueAt).ThenBy(t => t.Id).Take(limit);
    }

    internal static async Task<Reviewer> ReviewerAsync(LandQualityDbContext db, string userName, CancellationToken ct) =>
        await db.Reviewers.AsNoTracking().SingleOrDefaultAsync(r => r.UserName == userName, ct)
            ?? throw ReviewRefusals.NotRegistered(userName);

    /// <summary>The task is of the reviewer's role (or escalated to it) in their jurisdiction.</summary>
    internal static bool MayWork(Reviewer reviewer, ReviewTask task) =>
        task.Jurisdiction == reviewer.Jurisdiction && (task.Role == reviewer.Role || task.EscalatedToRole == reviewer.Role);

    internal static void Authorize(Reviewer reviewer, ReviewTask task)
    {
        if (!MayWork(reviewer, task))
            throw new ReviewForbiddenException(
                $"Task {task.Id} is for {task.Role} in {task.Jurisdiction}; {reviewer.UserName} is {reviewer.Role} in {reviewer.Jurisdiction}.");
    }

    internal static TaskView View(ReviewTask t) => new(t.Id, t.CaseId, t.ParcelId, t.Stage, t.Role, t.Jurisdiction, t.Priority, t.DueAt,
        t.Status.ToString().ToLowerInvariant(), t.ClaimedBy, t.Revision, t.EscalatedToRole is not null);
}

/// <summary>The reviewer may not do this (wrong role, jurisdiction or not a reviewer at all).</summary>
public sealed class ReviewForbiddenException(string message) : ReviewException(message);
