using LandQuality.Rules;

namespace LandQuality.Review.Definitions;

/// <summary>
/// What the guards of a workflow may look at, built by the caller from the case row and the parcel's
/// latest evaluation: the review stages of its open error findings, whether the police already
/// confirmed in this round, and the round (1 for a new case, +1 after each failed re-evaluation).
/// </summary>
public sealed record ReviewContext(IReadOnlySet<ReviewStage> OpenErrorStages, bool PoliceConfirmed = false, int Round = 1)
{
    /// <summary>From the stages of the open error findings, one per finding (duplicates are fine).</summary>
    public static ReviewContext FromFindings(IEnumerable<ReviewStage> openErrorFindingStages, bool policeConfirmed = false, int round = 1) =>
        new(openErrorFindingStages.ToHashSet(), policeConfirmed, round);

    /// <summary>No open error finding: warnings do not block verification.</summary>
    public bool PassesAllErrorRules => OpenErrorStages.Count == 0;

    public bool HasFindings(ReviewStage stage) => OpenErrorStages.Contains(stage);
}
