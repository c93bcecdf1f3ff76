namespace LandQuality.Documents.ProgressReports;

// The model of templates/progress.*.html.sbn (documented in templates/README.md); members in snake_case; every number is
// already written in the report's language (1.120.000 and 51,4 % in Vietnamese, 1,120,000 and 51.4% in English).

/// <summary>A progress report of a province (with its communes ranked) or of one commune.</summary>
/// <param name="Kind"><c>province</c> or <c>commune</c>.</param>
/// <param name="ComparedWith">When the last report of the same scope was made (the changes are counted from it), or null for the first.</param>
public sealed record ProgressReport(string Language, string Kind, string Code, string Name, string MadeAt, string? ComparedWith,
    ProgressLine Totals, IReadOnlyList<ProgressLine> Communes, IReadOnlyList<string> Stages);

/// <summary>One line of figures: the province's totals, or a commune with its rank.</summary>
/// <param name="OpenByStage">Open cases per stage, in the order of <see cref="ProgressReport.Stages"/>.</param>
/// <param name="Change">The verified share's change since the last report, in percentage points ("+1,2"), or null.</param>
public sealed record ProgressLine(string? Rank, string Code, string Name, string Parcels, string Verified, string VerifiedPercent,
    string FailingCorrect, string FailingSufficient, string FailingClean, string FailingAlive, string OpenCases, IReadOnlyList<string> OpenByStage,
    string Overdue, string ClosedThisWeek, string? Change);
