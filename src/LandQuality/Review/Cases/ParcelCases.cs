using LandQuality.Data;
using LandQuality.Review.Queue;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Review.Cases;

/// <summary>One task of a case as <c>lq cases show</c> lists it; <see cref="Status"/> is open, claimed, done or withdrawn.</summary>
public sealed record CaseTaskView(long Id, string Stage, string Status, string Role, string Jurisdiction, int Revision,
    DateTimeOffset CreatedAt, DateTimeOffset? DueAt, string? EscalatedToRole, string? ClaimedBy, DateTimeOffset? ClaimedAt,
    string? CompletedBy, DateTimeOffset? CompletedAt, string? Decision, string? Reason);

/// <summary>One case of a parcel; <see cref="Status"/> is open, parked or verified.</summary>
public sealed record CaseView(long Id, string ParcelId, string Status, string Stage, string WorkflowId, int WorkflowVersion, int Round,
    DateTimeOffset OpenedAt, string OpenedBy, DateTimeOffset? ClosedAt, IReadOnlyList<CaseTaskView> Tasks)
{
    /// <summary>The reason given by the last decision: why a parked case was parked, or why the case went back.</summary>
    public string? Reason => Tasks.LastOrDefault(t => t.Reason is not null)?.Reason;

    /// <summary>The last decision taken in the case.</summary>
    public string? Decision => Tasks.LastOrDefault(t => t.Decision is not null)?.Decision;
}

/// <summary><c>lq cases show PARCEL</c>: every case a parcel has had, oldest first, each with its tasks.</summary>
public static class ParcelCases
{
    public static async Task<IReadOnlyList<CaseView>> LoadAsync(Database database, string parcelId, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        if (!await db.Parcels.AnyAsync(p => p.ParcelId == parcelId, ct))
            throw new ReviewException($"There is no parcel {parcelId}.");
        var cases = await db.ReviewCases.AsNoTracking().Where(c => c.ParcelId == parcelId).OrderBy(c => c.Id).ToListAsync(ct);
        var caseIds = cases.Select(c => c.Id).ToList();
        var tasks = (await db.ReviewTasks.AsNoTracking().Where(t => caseIds.Contains(t.CaseId)).OrderBy(t => t.Id).ToListAsync(ct))
            .ToLookup(t => t.CaseId);
        return cases.Select(c => new CaseView(c.Id, c.ParcelId, c.Status.ToString().ToLowerInvariant(), c.Stage, c.WorkflowId, c.WorkflowVersion,
            c.Round, c.OpenedAt, c.OpenedBy, c.ClosedAt, tasks[c.Id].Select(View).ToList())).ToList();
    }

    static CaseTaskView View(ReviewTask t) => new(t.Id, t.Stage, StatusName(t.Status), t.Role, t.Jurisdiction, t.Revision, t.CreatedAt, t.DueAt,
        t.EscalatedToRole, t.ClaimedBy, t.ClaimedAt, t.CompletedBy, t.CompletedAt, t.Decision, t.Reason);

    public static string StatusName(ReviewTaskStatus status) => status switch
    {
        ReviewTaskStatus.Open => "open",
        ReviewTaskStatus.Claimed => "claimed",
        ReviewTaskStatus.Completed => "done",
        ReviewTaskStatus.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
