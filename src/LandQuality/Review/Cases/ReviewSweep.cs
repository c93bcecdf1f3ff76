using LandQuality.Audit;
using LandQuality.Data;
using LandQuality.Review.Queue;
using Microsoft.EntityFrameworkCore;

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
        await using (var tryLock = new Npgsql.NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKey})", conn))
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
            await using var unlock = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", conn);
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    async Task<int> EscalateAsync(string actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var due = await db.ReviewTasks.Where(t => (t.Status == ReviewTaskStatus.Open || t.Status == ReviewTaskStatus.Claimed)
            && t.EscalatedToRole == null && t.EscalateAt != null && t.EscalateAt <= now).Select(t => new { t.Id, t.CaseId }).ToListAsync(ct);
        var store = new WorkflowStore(database);
        foreach (var item in due)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var task = await ReviewQueue.LockAsync(db, item.Id, ct);
            var @case = await db.ReviewCases.AsNoTracking().SingleAsync(c => c.Id == item.CaseId, ct);
            var stage = (await store.GetAsync(@case.WorkflowId, @case.WorkflowVersion, ct)).Stage(task.Stage);
            if (stage?.EscalateToRole is { } role)
            {
                task.Escalate(role, now);
                await db.SaveChangesAsync(ct);
                await AuditChain.AppendAsync(db, task.ParcelId, actor, "escalated",
                    new { case_id = @case.Id, task_id = task.Id, stage = task.Stage, to_role = role, due_at = task.DueAt }, ct);
            }
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return due.Count;
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
