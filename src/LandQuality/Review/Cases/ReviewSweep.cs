using System.Data;
using LandQuality.Audit;
using LandQuality.Data;
using LandQuality.Review.Queue;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Cases;

public sealed record SweepResult(bool Ran, int Escalated, int AutomaticResumed);

/// <summary>
/// The periodic sweep: escalates overdue tasks to the stage's supervisor role and finishes automatic
/// stages a crash left behind. Many app nodes may run it; a session advisory lock lets one at a time
/// do the work and the others return at once.
/// </summary>
public sealed class ReviewSweep(Database database)
{
    const long LockKey = 0x4C51_5357; // "LQSW"

    public async Task<SweepResult> RunOnceAsync(string actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(ct);
        await using (var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKey})", conn))
            if (!(bool)(await tryLock.ExecuteScalarAsync(ct))!)
                return new SweepResult(false, 0, 0);
        try
        {
            var escalated = await EscalateAsync(actor, now, ct);
            var resumed = 0;
            foreach (var caseId in await StuckAutomaticCasesAsync(ct))
                if (await new AutomaticStages(database).RunAsync(caseId, actor, ct) is not null)
                    resumed++;
            return new SweepResult(true, escalated, resumed);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", conn);
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    /// <summary>Each overdue task in its own transaction of two round trips: locked with its case's workflow, then updated, audited and committed.</summary>
    async Task<int> EscalateAsync(string actor, DateTimeOffset now, CancellationToken ct)
    {
        List<long> due;
        await using (var db = database.CreateContext())
            due = await db.ReviewTasks.Where(t => (t.Status == ReviewTaskStatus.Open || t.Status == ReviewTaskStatus.Claimed)
                && t.EscalatedToRole == null && t.EscalateAt != null && t.EscalateAt <= now).Select(t => t.Id).ToListAsync(ct);
        var store = new WorkflowStore(database);
        var escalated = 0;
        foreach (var taskId in due)
        {
            await using var conn = await database.Stateless.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            ReviewTask task;
            (string Id, int Version) workflow;
            await using (var read = new NpgsqlBatch(conn, tx))
            {
                read.BatchCommands.Add(Of($"""
                    SELECT {TaskRow.Columns.Sql}, c.workflow_id, c.workflow_version
                    FROM review_tasks t JOIN review_cases c ON c.id = t.case_id WHERE t.id = $1 FOR UPDATE OF t
                    """, Value(taskId)));
                await using var r = await read.ExecuteReaderAsync(ct);
                await r.ReadAsync(ct); // tasks are never deleted
                (task, workflow) = (TaskRow.Read(r), (r.GetString("workflow_id"), r.GetInt32("workflow_version")));
            }
            var stage = (await store.GetAsync(workflow.Id, workflow.Version, ct)).Stage(task.Stage);
            // Finished or escalated since the list was read: nothing to write, and nothing to record.
            if (stage?.EscalateToRole is not { } role || !task.Escalate(role, now))
                continue;
            await using var writes = new NpgsqlBatch(conn, tx);
            writes.BatchCommands.Add(TaskRow.SaveCommand(task));
            writes.BatchCommands.Add(AuditChain.AppendCommand(task.ParcelId, actor, "escalated",
                new { case_id = task.CaseId, task_id = task.Id, stage = task.Stage, to_role = role, due_at = task.DueAt }));
            writes.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await writes.ExecuteNonQueryAsync(ct);
            escalated++;
        }
        return escalated;
    }

    async Task<List<long>> StuckAutomaticCasesAsync(CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var open = await db.ReviewCases.Where(c => c.Status == CaseStatus.Open)
            .Where(c => !db.ReviewTasks.Any(t => t.CaseId == c.Id && (t.Status == ReviewTaskStatus.Open || t.Status == ReviewTaskStatus.Claimed)))
            .Select(c => c.Id).ToListAsync(ct);
        return open;
    }
}
