namespace LandQuality.Review.Cases;

/// <summary>Proposed by the commune; applied when the case is approved (it reaches re-evaluation); rejected when returned.</summary>
public enum CorrectionStatus { Proposed, Applied, Rejected }

/// <summary>
/// One field changed by a reviewer: the value before and after, who, when, why, under which task,
/// and the evidence attached. Fields are named as in the interchange files: <c>address</c>,
/// <c>area_m2</c>, <c>certificate_serial</c>, <c>land_use</c>, or <c>owners[2].id_number</c> for the
/// second owner; <c>owners[+]</c> adds an owner, <c>owners[2]</c> replaces or removes one, and
/// <c>retire_duplicate</c> retires a duplicate record (<see cref="CorrectionFields"/> has the syntax).
/// </summary>
public sealed class Correction
{
    public long Id { get; init; }
    public long CaseId { get; init; }
    public long TaskId { get; init; }
    public required string ParcelId { get; init; }
    public required string Field { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }
    public required string Actor { get; init; }
    public DateTimeOffset At { get; init; }
    public string? Reason { get; init; }
    public long[] AttachmentIds { get; init; } = [];
    public CorrectionStatus Status { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>Evidence for a case — a scan of the certificate or the ID card — stored with its fingerprint.</summary>
public sealed class Attachment
{
    public long Id { get; init; }
    public long CaseId { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required string Sha256 { get; init; }
    public long Bytes { get; init; }
    public required byte[] Content { get; init; }
    public required string UploadedBy { get; init; }
    public DateTimeOffset UploadedAt { get; init; }
}
