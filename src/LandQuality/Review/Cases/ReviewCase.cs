namespace LandQuality.Review.Cases;

public enum CaseStatus { Open, Verified, Parked }

/// <summary>
/// A failing parcel on its way to đúng – đủ – sạch – sống, pinned to the workflow version it
/// started with. The current stage lives here (the state machine is rebuilt per transition);
/// every change to it is made under a row lock and recorded in the parcel's audit chain.
/// </summary>
public sealed class ReviewCase
{
    public long Id { get; init; }
    public required string ParcelId { get; init; }
    public required string CommuneCode { get; init; }
    public required string WorkflowId { get; init; }
    public int WorkflowVersion { get; init; }
    public required string Stage { get; set; }
    public CaseStatus Status { get; set; }
    /// <summary>1 for the first pass; +1 each time re-evaluation sends the case back.</summary>
    public int Round { get; set; } = 1;
    /// <summary>The police confirmed the owners' identity in the current round.</summary>
    public bool PoliceConfirmed { get; set; }
    public DateTimeOffset OpenedAt { get; init; }
    public required string OpenedBy { get; init; }
    /// <summary>The evaluation run whose findings opened the case.</summary>
    public long OpenedByRunId { get; init; }
    public DateTimeOffset? ClosedAt { get; set; }
    public uint Revision { get; set; }
}
