using LandQuality.Data;
using LandQuality.Reference;
using LandQuality.Review.Cases;
using LandQuality.Review.Runtime;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Review.Queue;

public sealed record OwnerView(int Seq, string FullName, string? IdNumber, int? BirthYear, string? Gender);

public sealed record FindingView(string Rule, string Dimension, string Severity, string Stage, string Message);

/// <summary>What a reviewer works from: the task, the parcel's owners (ID numbers masked unless the role needs them), open findings, allowed decisions.</summary>
public sealed record TaskDetailsView(TaskView Task, string CommuneCode, string? Address, IReadOnlyList<OwnerView> Owners,
    IReadOnlyList<FindingView> Findings, IReadOnlyList<string> Decisions);

public static class TaskDetails
{
    /// <summary>Refused unless the task is the reviewer's to work, or the reviewer audits that province.</summary>
    public static async Task<TaskDetailsView> LoadAsync(Database database, string userName, long taskId, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var reviewer = await ReviewQueue.ReviewerAsync(db, userName, ct);
        var task = await db.ReviewTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, ct) ?? throw new ReviewException($"There is no task {taskId}.");
        var @case = await db.ReviewCases.AsNoTracking().SingleAsync(c => c.Id == task.CaseId, ct);
        var auditsHere = reviewer.Role == Roles.Auditor && ReferenceData.Current.Communes[@case.CommuneCode].ProvinceCode == reviewer.Jurisdiction;
        if (!auditsHere)
            ReviewQueue.Authorize(reviewer, task);

        var parcel = await db.Parcels.AsNoTracking().SingleAsync(p => p.ParcelId == task.ParcelId, ct);
        var owners = await db.Owners.AsNoTracking().Where(o => o.ParcelId == task.ParcelId).OrderBy(o => o.Seq)
            .Select(o => new { o.Seq, o.FullName, o.IdNumber, o.BirthYear, o.Gender }).ToListAsync(ct);
        // The current findings: those of the parcel's latest run (findings are keyed by run, then parcel).
        var findings = await db.ParcelStatuses.AsNoTracking().Where(s => s.ParcelId == task.ParcelId)
            .Join(db.Findings, s => new { s.RunId, s.ParcelId }, f => new { f.RunId, f.ParcelId }, (s, f) => f)
            .OrderBy(f => f.RuleName).Select(f => new FindingView(f.RuleName, f.Dimension, f.Severity, f.Stage, f.Message)).ToListAsync(ct);
        var definition = await new WorkflowStore(database).GetAsync(@case.WorkflowId, @case.WorkflowVersion, ct);
        return new TaskDetailsView(ReviewQueue.View(task), parcel.CommuneCode, parcel.Address,
            owners.Select(o => new OwnerView(o.Seq, o.FullName, Roles.MaskIdNumber(reviewer.Role, o.IdNumber), o.BirthYear, o.Gender)).ToList(),
            findings, WorkflowRuntime.AvailableDecisions(definition, task.Stage).Select(d => d.Id).ToList());
    }
}
