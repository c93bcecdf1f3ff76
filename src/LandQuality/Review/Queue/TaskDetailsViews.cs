namespace LandQuality.Review.Queue;

/// <summary>The land record as stored: what the reviewer confirms or corrects.</summary>
public sealed record ParcelRecordView(string ParcelId, string CommuneCode, string? CommuneName, int? MapSheet, int? ParcelNo,
    string? Address, decimal? AreaM2, decimal? LegalAreaM2, IReadOnlyList<PurposeView> LandUse, string? LandUseTerm, string? LandUseOrigin,
    CertificateView? Certificate, DateOnly? UpdatedOn, bool HasGeometry);

public sealed record PurposeView(int Seq, string Code, string? Name, decimal? AreaM2);

public sealed record CertificateView(string? Serial, string? BookNo, DateOnly? IssuedOn);

/// <summary>
/// An owner of the land record beside the population registry's record for their ID number, with
/// each field that differs. <see cref="Registry"/> is null when the ID number is missing or unknown there.
/// </summary>
public sealed record OwnerView(int Seq, string FullName, string? IdNumber, int? BirthYear, string? Gender, string? BirthDate, decimal? Share,
    RegistryRecordView? Registry, IReadOnlyList<DifferenceView> Differences);

public sealed record RegistryRecordView(string FullName, string? BirthDate, string? Gender, string Status, string? PermanentAddress);

/// <summary>One field on which the land record and the registry disagree; <see cref="Note"/> qualifies it ("accents only").</summary>
public sealed record DifferenceView(string Field, string? Land, string? Registry, string? Note = null);

/// <param name="Message">What the reviewer reads: the rule's Vietnamese message.</param>
/// <param name="MessageEn">The same in English.</param>
/// <param name="Detail">The rule's technical message with the record's values (RulesEngine's ErrorMessage).</param>
public sealed record FindingView(string Rule, string Dimension, string Severity, string Stage, string Message, bool IsRuleError = false,
    string? MessageEn = null, string? Detail = null);

/// <summary>
/// Another parcel behind a cross-record finding: the same commune + sheet + number, or an owner with the same ID number
/// written under another name (<see cref="NameForIdNumber"/>: the name that parcel records for <see cref="IdNumber"/>).
/// </summary>
public sealed record RelatedParcelView(string Rule, string ParcelId, string CommuneCode, int? MapSheet, int? ParcelNo, string? IdNumber,
    IReadOnlyList<string> OwnerNames, string? NameForIdNumber = null);

/// <summary>A field change proposed in this case, whatever became of it (proposed, applied, rejected on a return).</summary>
public sealed record CorrectionView(long Id, long TaskId, string Field, string? Before, string? After, string By, DateTimeOffset At,
    string? Reason, string Status, DateTimeOffset? DecidedAt);

/// <summary>
/// An earlier step of this case that sent it back to its first stage, with the reason: a person's decision
/// (with its task), or the platform's re-evaluation that still found errors (no task; the reason names the failing rules).
/// </summary>
public sealed record ReturnView(long? TaskId, string Stage, string Decision, string? By, DateTimeOffset? At, string? Reason);

/// <summary>What a reviewer works from; ID numbers are masked unless the role needs them.</summary>
public sealed record TaskDetailsView(TaskView Task, string CommuneCode, string? Address, int Round, string Workflow, int WorkflowVersion,
    ParcelRecordView Parcel, IReadOnlyList<OwnerView> Owners, IReadOnlyList<FindingView> Findings, IReadOnlyList<RelatedParcelView> RelatedParcels,
    IReadOnlyList<CorrectionView> Corrections, IReadOnlyList<ReturnView> Returns, IReadOnlyList<string> Decisions);
