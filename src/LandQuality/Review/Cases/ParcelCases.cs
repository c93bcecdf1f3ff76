using System.Text.Json.Nodes;
using LandQuality.Data;
using LandQuality.Review.Queue;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Review.Cases;

/// <summary>One task of a case as <c>lq cases show</c> lists it; <see cref="Status"/> is open, claimed, done or withdrawn.</summary>
public sealed record CaseTaskView(long Id, string Stage, string Status, string Role, string Jurisdiction, int Revision,
    DateTimeOffset CreatedAt, DateTimeOffset? DueAt, string? EscalatedToRole, string? ClaimedBy, DateTimeOffset? ClaimedAt,
    string? CompletedBy, DateTimeOffset? CompletedAt, string? Decision, string? Reason);

/// <summary>A supervisor brought the parked case back to work (<c>lq cases reopen</c>).</summary>
public sealed record CaseReopeningView(DateTimeOffset At, string By, string? Reason, string? FromStage);

/// <summary>
/// One case of a parcel; <see cref="Status"/> is open, parked or verified. <see cref="FollowsCase"/> names the
/// parked case this one was opened after, when the parcel's data changed.
/// </summary>
public sealed record CaseView(long Id, string ParcelId, string Status, string Stage, string WorkflowId, int WorkflowVersion, int Round,
    DateTimeOffset OpenedAt, string OpenedBy, DateTimeOffset? ClosedAt, long? FollowsCase, IReadOnlyList<CaseTaskView> Tasks,
    IReadOnlyList<CaseReopeningView> Reopenings)
{
    /// <summary>The last decision taken in the case.</summary>
    public string? Decision => Tasks.LastOrDefault(t => t.Decision is not null)?.Decision;

    /// <summary>The latest reason given: why the case was parked, returned, or reopened.</summary>
    public string? Reason => Tasks.Where(t => t.Reason is not null).Select(t => (At: t.CompletedAt ?? t.CreatedAt, t.Reason))
        .Concat(Reopenings.Where(r => r.Reason is not null).Select(r => (r.At, r.Reason)))
        .OrderBy(x => x.At).LastOrDefault().Reason;
}

/// <summary><c>lq cases show PARCEL</c>: every case a parcel has had, oldest first, each with its tasks.</summary>
public static class ParcelCases
{
    public static async Task<IReadOnlyList<CaseView>> LoadAsync(Database database, string parcelId, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        if (!await db.Parcels.AnyAsync(p => p.ParcelId == parcelId, ct))
            throw new ReviewNotFoundException($"There is no parcel {parcelId}.");
        var cases = await db.ReviewCases.AsNoTracking().Where(c => c.ParcelId == parcelId).OrderBy(c => c.Id).ToListAsync(ct);
        var caseIds = cases.Select(c => c.Id).ToList();
        var tasks = (await db.ReviewTasks.AsNoTracking().Where(t => caseIds.Contains(t.CaseId)).OrderBy(t => t.Id).ToListAsync(ct))
            .ToLookup(t => t.CaseId);
        // What only the audit chain holds: which parked case a case follows, and its reopenings.
        var entries = (await db.AuditEvents.AsNoTracking()
                .Where(e => e.ParcelId == parcelId && (e.Kind == "case_opened" || e.Kind == "case_reopened")).OrderBy(e => e.Seq)
                .Select(e => new { e.Kind, e.At, e.Actor, e.Payload }).ToListAsync(ct))
            .Select(e => (e.Kind, e.At, e.Actor, Payload: JsonNode.Parse(e.Payload))).ToList();
        long? Follows(long id) => entries.Where(e => e.Kind == "case_opened" && (long?)e.Payload?["case_id"] == id)
            .Select(e => (long?)e.Payload?["follows_case"]).FirstOrDefault();
        List<CaseReopeningView> Reopenings(long id) => entries.Where(e => e.Kind == "case_reopened" && (long?)e.Payload?["case_id"] == id)
            .Select(e => new CaseReopeningView(e.At, e.Actor, (string?)e.Payload?["reason"], (string?)e.Payload?["from_stage"])).ToList();
        return cases.Select(c => new CaseView(c.Id, c.ParcelId, c.Status.ToString().ToLowerInvariant(), c.Stage, c.WorkflowId, c.WorkflowVersion,
            c.Round, c.OpenedAt, c.OpenedBy, c.ClosedAt, Follows(c.Id), tasks[c.Id].Select(View).ToList(), Reopenings(c.Id))).ToList();
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
