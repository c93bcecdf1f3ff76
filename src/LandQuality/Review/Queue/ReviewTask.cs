namespace LandQuality.Review.Queue;

public enum ReviewTaskStatus { Open, Claimed, Completed, Withdrawn }

/// <summary>
/// A human step of a case waiting for someone (Elsa's bookmark): it belongs to a stage, a candidate
/// role and a jurisdiction (commune code or province code). State changes are methods that check
/// the current state, so an invalid transition cannot be written from outside; every change bumps
/// <see cref="Revision"/>, which a completion must quote.
/// </summary>
public sealed class ReviewTask
{
    public long Id { get; init; }
    public long CaseId { get; init; }
    public required string ParcelId { get; init; }
    public required string Stage { get; init; }
    public required string Role { get; init; }
    public required string Jurisdiction { get; init; }
    /// <summary>Higher first: the number of error findings, so the worst records are cleaned first.</summary>
    public int Priority { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public DateTimeOffset? EscalateAt { get; init; }
    /// <summary>Set by the SLA sweep: the supervisor role that may now also see and reassign the task.</summary>
    public string? EscalatedToRole { get; private set; }
    public DateTimeOffset? EscalatedAt { get; private set; }
    public ReviewTaskStatus Status { get; private set; }
    public string? ClaimedBy { get; private set; }
    public DateTimeOffset? ClaimedAt { get; private set; }
    public string? CompletedBy { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? Decision { get; private set; }
    public string? Reason { get; private set; }
    public int Revision { get; private set; }

    /// <summary>
    /// A task as read by the queue's and the decision path's own SQL (no change tracker there); the state checks
    /// below apply to it as to one loaded through EF Core.
    /// </summary>
    internal static ReviewTask Restore(long id, long caseId, string parcelId, string stage, string role, string jurisdiction,
        string? escalatedToRole, ReviewTaskStatus status, string? claimedBy, int revision,
        int priority = 0, DateTimeOffset? dueAt = null, DateTimeOffset? claimedAt = null, DateTimeOffset? escalatedAt = null) => new()
    {
        Id = id, CaseId = caseId, ParcelId = parcelId, Stage = stage, Role = role, Jurisdiction = jurisdiction,
        EscalatedToRole = escalatedToRole, Status = status, ClaimedBy = claimedBy, Revision = revision,
        Priority = priority, DueAt = dueAt, ClaimedAt = claimedAt, EscalatedAt = escalatedAt,
    };

    /// <summary>Claim next does the same in one SQL statement (<c>ReviewQueue.ClaimNextSql</c>): open only, revision + 1.</summary>
    public void Claim(string user, DateTimeOffset now)
    {
        if (Status != ReviewTaskStatus.Open)
            throw ReviewRefusals.NotOpen(Id, Status);
        (Status, ClaimedBy, ClaimedAt) = (ReviewTaskStatus.Claimed, user, now);
        Revision++;
    }

    public void Release(string user)
    {
        RequireClaimedBy(user);
        (Status, ClaimedBy, ClaimedAt) = (ReviewTaskStatus.Open, null, null);
        Revision++;
    }

    /// <summary>A supervisor hands the task to another reviewer (it stays claimed, by them).</summary>
    public void Reassign(string toUser, DateTimeOffset now)
    {
        if (Status is ReviewTaskStatus.Completed or ReviewTaskStatus.Withdrawn)
            throw ReviewRefusals.Finished(Id, Status);
        (Status, ClaimedBy, ClaimedAt) = (ReviewTaskStatus.Claimed, toUser, now);
        Revision++;
    }

    public void Complete(string user, int expectedRevision, string decision, string? reason, DateTimeOffset now)
    {
        RequireClaimedBy(user);
        if (expectedRevision != Revision)
            throw ReviewRefusals.StaleRevision(Id, Revision, expectedRevision);
        (Status, CompletedBy, CompletedAt, Decision, Reason) = (ReviewTaskStatus.Completed, user, now, decision, reason);
        Revision++;
    }

    /// <summary>False when there is nothing to escalate (the task was finished or escalated meanwhile).</summary>
    public bool Escalate(string toRole, DateTimeOffset now)
    {
        if (Status is ReviewTaskStatus.Completed or ReviewTaskStatus.Withdrawn || EscalatedToRole is not null)
            return false;
        (EscalatedToRole, EscalatedAt) = (toRole, now);
        Revision++;
        return true;
    }

    void RequireClaimedBy(string user)
    {
        if (Status != ReviewTaskStatus.Claimed || ClaimedBy != user)
            throw ReviewRefusals.NotClaimedBy(Id, user);
    }
}

/// <summary>A request that the current state does not allow; the message says why.</summary>
public class ReviewException(string message) : Exception(message);

/// <summary>Someone else changed the task first (optimistic concurrency); nothing was written.</summary>
public sealed class ReviewConflictException(string message) : ReviewException(message);

/// <summary>No such task, case or parcel — or one the caller may not see, which is answered the same way.</summary>
public sealed class ReviewNotFoundException(string message) : ReviewException(message);
