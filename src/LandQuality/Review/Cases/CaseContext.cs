using LandQuality.Review.Definitions;
using LandQuality.Rules;

namespace LandQuality.Review.Cases;

/// <summary>
/// Builds the guards' <see cref="ReviewContext"/> for a case from its row and the parcel's latest
/// evaluation: the review stages of the open error findings decide whether the police must look.
/// A rule error is the rule's fault, not the data's, so its stage sends no case anywhere.
/// </summary>
static class CaseContext
{
    /// <summary>The distinct review stages of the parcel's error data findings (rule errors left out) in its latest run; <paramref name="parcelSql"/> names the parcel.</summary>
    public static string StagesSql(string parcelSql) => $"""
        SELECT DISTINCT f.stage FROM findings f
        JOIN parcel_status s ON s.parcel_id = f.parcel_id AND s.run_id = f.run_id
        WHERE s.parcel_id = {parcelSql} AND f.severity = 'error' AND NOT f.is_rule_error
        """;

    public static ReviewContext From(IEnumerable<string> stages, ReviewCase @case) =>
        ReviewContext.FromFindings(stages.Select(Parse), @case.PoliceConfirmed, @case.Round);

    static ReviewStage Parse(string stage) => stage switch
    {
        "police" => ReviewStage.Police,
        "department" => ReviewStage.Department,
        _ => ReviewStage.Commune,
    };
}
