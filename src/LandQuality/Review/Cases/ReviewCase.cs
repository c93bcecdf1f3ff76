using LandQuality.Review.Queue;

namespace LandQuality.Review.Cases;

public enum CaseStatus { Open, Verified, Parked }

/// <summary>
/// A failing parcel on its way to đúng – đủ – sạch – sống, pinned to the workflow version it
/// started with. The current stage lives here (the state machine is rebuilt per transition). State
/// changes are methods that check the current state, as <see cref="ReviewTask"/>'s are, so an invalid
/// transition cannot be written from outside; the callers write the new state under the case's row
/// lock and record it in the parcel's audit chain.
/// </summary>
public sealed class ReviewCase
{
    public long Id { get; init; }
    public required string ParcelId { get; init; }
    public required string CommuneCode { get; init; }
    public required string WorkflowId { get; init; }
    public int WorkflowVersion { get; init; }
    public string Stage { get; private set; } = "";
    public CaseStatus Status { get; private set; }
    /// <summary>1 for the first pass; +1 each time re-evaluation sends the case back or a supervisor reopens it.</summary>
    public int Round { get; private set; } = 1;
    /// <summary>The police confirmed the owners' identity in the current round.</summary>
    public bool PoliceConfirmed { get; private set; }
    public DateTimeOffset OpenedAt { get; init; }
    public required string OpenedBy { get; init; }
    /// <summary>The evaluation run whose findings opened the case.</summary>
    public long OpenedByRunId { get; init; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public uint Revision { get; private set; }

    /// <summary>A case as the workflow's own SQL reads it (<see cref="CaseRow"/>); the checks below apply to it as to one loaded through EF Core.</summary>
    internal static ReviewCase Restore(long id, string parcelId, string communeCode, string workflowId, int workflowVersion,
        string stage, CaseStatus status, int round, bool policeConfirmed, string openedBy) => new()
    {
        Id = id, ParcelId = parcelId, CommuneCode = communeCode, WorkflowId = workflowId, WorkflowVersion = workflowVersion,
        Stage = stage, Status = status, Round = round, PoliceConfirmed = policeConfirmed, OpenedBy = openedBy,
    };

    /// <summary>The workflow moved an open case to a stage: a human or automatic one, or a terminal one it then closes at.</summary>
    public void Enter(string stage, int round, bool policeConfirmed)
    {
        RequireOpen();
        if (round < Round)
            throw new ReviewException($"Case {Id} is in round {Round}; a transition cannot take it back to round {round}.");
        (Stage, Round, PoliceConfirmed) = (stage, round, policeConfirmed);
    }

    /// <summary>The case reached its terminal stage (<see cref="Enter"/>ed first): verified, or parked.</summary>
    public void Close(CaseStatus outcome, DateTimeOffset now)
    {
        RequireOpen();
        if (outcome == CaseStatus.Open)
            throw new ArgumentOutOfRangeException(nameof(outcome), "A closed case is verified or parked.");
        (Status, ClosedAt) = (outcome, now);
    }

    /// <summary>A supervisor brings a parked case back to the workflow's first stage, one round further.</summary>
    public void Reopen(string initialStage)
    {
        if (Status != CaseStatus.Parked)
            throw new ReviewException($"Case {Id} is {Status.ToString().ToLowerInvariant()} at {Stage}; only a parked case can be reopened.");
        (Stage, Status, Round, PoliceConfirmed, ClosedAt) = (initialStage, CaseStatus.Open, Round + 1, false, null);
    }

    void RequireOpen()
    {
        if (Status != CaseStatus.Open)
            throw new ReviewException($"Case {Id} is {Status.ToString().ToLowerInvariant()} at {Stage}; only an open case moves.");
    }
}
