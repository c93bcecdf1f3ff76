using LandQuality.Review.Definitions;
using LandQuality.Rules;

namespace LandQuality.Review.Cases;

/// <summary>
/// Builds the guards' <see cref="ReviewContext"/> for a case from its row and the parcel's latest
/// evaluation: the review stages of the open error findings decide whether the police must look.
/// </summary>
static class CaseContext
{
    /// <summary>The distinct review stages of the parcel's error findings in its latest run; <paramref name="parcelSql"/> names the parcel.</summary>
    public static string StagesSql(string parcelSql) => $"""
        SELECT DISTINCT f.stage FROM findings f
        JOIN parcel_status s ON s.parcel_id = f.parcel_id AND s.run_id = f.run_id
        WHERE s.parcel_id = {parcelSql} AND (f.severity = 'error' OR f.is_rule_error)
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
