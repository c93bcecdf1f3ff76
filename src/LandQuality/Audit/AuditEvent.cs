namespace LandQuality.Audit;

/// <summary>
/// One entry of a parcel's cleaning history. Entries are append-only and chained: each carries the
/// hash of the parcel's previous entry, and <see cref="AuditHead"/> holds the newest, so altering,
/// removing or truncating any entry is detected by <c>lq audit verify</c>.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; init; }
    public required string ParcelId { get; init; }
    /// <summary>1, 2, 3 … per parcel: a gap means an entry was removed.</summary>
    public int Seq { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    /// <summary>e.g. case_opened, task_claimed, decision, correction, reevaluated, case_closed, escalated.</summary>
    public required string Kind { get; init; }
    /// <summary>JSON text exactly as hashed (before/after values, reason, rule and workflow versions, task id …).</summary>
    public required string Payload { get; init; }
    public required string PrevHash { get; init; }
    public required string Hash { get; init; }
}

/// <summary>The newest entry of each parcel's chain: without it, deleting the last entries would go unnoticed.</summary>
public sealed class AuditHead
{
    public required string ParcelId { get; init; }
    public int Seq { get; set; }
    public required string Hash { get; set; }
}
