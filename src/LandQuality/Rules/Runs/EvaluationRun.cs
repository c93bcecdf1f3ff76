namespace LandQuality.Rules.Runs;

/// <summary>
/// Abandoned: the process running it ended without finishing (see <see cref="Data.JobLease"/>); <c>--resume</c> continues it.
/// Queued: a background run (<c>lq evaluate --background</c>) not yet split into partitions for the workers.
/// </summary>
public enum RunStatus { Running, Completed, Failed, Abandoned, Queued }

/// <summary>
/// One evaluation: which rule-set version, over what scope (everything, a commune, a parcel), by whom,
/// when, how long, with what counts. Work is committed batch by batch in parcel-id order
/// (<see cref="EvaluationRunBatch"/>), so a run that died half-way resumes after the last stored
/// parcel without writing anything twice.
/// </summary>
public sealed class EvaluationRun
{
    public long Id { get; init; }
    public long RuleSetVersionId { get; init; }
    /// <summary><c>all</c>, <c>commune:CODE</c>, <c>parcel:ID</c> or <c>changed</c> (the parcels changed since the last completed run: <see cref="ChangedParcels"/>).</summary>
    public required string Scope { get; init; }
    public required string StartedBy { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    /// <summary>The "today" of date rules, fixed for the run so a resume judges dates alike.</summary>
    public DateOnly EvaluatedOn { get; init; }
    public DateTimeOffset? FinishedAt { get; set; }
    public RunStatus Status { get; set; }
    public long ParcelsEvaluated { get; set; }
    public long FindingsCount { get; set; }
    public double? Seconds { get; set; }
    public string? Error { get; set; }
    /// <summary>
    /// The run was of the published version of the rule set in force, so it set the parcels' current
    /// verdicts (and closed cases, and wrote verdict changes to the chains). Runs of other versions keep
    /// their findings under the run only.
    /// </summary>
    public bool SetsVerdicts { get; init; } = true;
}

/// <summary>
/// A committed batch of a run: every parcel up to <see cref="LastParcelId"/> (in parcel-id order,
/// within the run's scope) has its findings and status stored. The largest one is the resume point.
/// Its verdict counts (parcels verified, parcels failing each dimension) are counted as it is stored:
/// batches of a run never share a parcel, so the run's counts are their sums, exact for a resumed run
/// too and unchanged when a parcel is re-evaluated later. Null in batches stored before they were kept.
/// </summary>
public sealed class EvaluationRunBatch
{
    public long RunId { get; init; }
    public required string LastParcelId { get; init; }
    public long Parcels { get; init; }
    public long Findings { get; init; }
    public DateTimeOffset DoneAt { get; init; }
    public long? Verified { get; init; }
    public long? FailingCorrect { get; init; }
    public long? FailingSufficient { get; init; }
    public long? FailingClean { get; init; }
    public long? FailingAlive { get; init; }
}

/// <summary>One failed rule for one parcel in one run (keys and the rendered message, never row copies).</summary>
public sealed class FindingRow
{
    public long RunId { get; init; }
    public required string ParcelId { get; init; }
    public required string Workflow { get; init; }
    public required string RuleName { get; init; }
    public required string Dimension { get; init; }
    public required string Severity { get; init; }
    public required string Stage { get; init; }
    /// <summary>RulesEngine's ErrorMessage with its values filled in (or the exception of a rule error): the technical detail.</summary>
    public required string Message { get; init; }
    /// <summary>The rule's message for people, Vietnamese and English (null in runs stored before they were kept).</summary>
    public string? MessageVi { get; init; }
    public string? MessageEn { get; init; }
    /// <summary>The rule threw: kept for the rule's author, but never part of the parcel's verdict (<see cref="ParcelVerdict"/>).</summary>
    public bool IsRuleError { get; init; }
}

/// <summary>
/// Each parcel's current verdict per dimension, from its latest evaluation: a dimension passes when
/// no error-severity rule of it fails; rule errors are left out (<see cref="ParcelVerdict"/>). Verified = all four pass.
/// </summary>
public sealed class ParcelStatus
{
    public required string ParcelId { get; init; }
    public long RunId { get; set; }
    public long RuleSetVersionId { get; set; }
    public bool Correct { get; set; }
    public bool Sufficient { get; set; }
    public bool Clean { get; set; }
    public bool Alive { get; set; }
    public int Errors { get; set; }
    public int Warnings { get; set; }
    public DateTimeOffset EvaluatedAt { get; set; }
    /// <summary>The rules the parcel's data fails (not rule errors), sorted, comma-separated: what an evaluation compares to tell whether the verdict changed.</summary>
    public string? Failing { get; set; }
}
