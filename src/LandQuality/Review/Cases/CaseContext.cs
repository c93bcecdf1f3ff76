using LandQuality.Data;
using LandQuality.Review.Definitions;
using LandQuality.Rules;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Review.Cases;

/// <summary>
/// Builds the guards' <see cref="ReviewContext"/> for a case from its row and the parcel's latest
/// evaluation: the review stages of the open error findings decide whether the police must look.
/// </summary>
static class CaseContext
{
    public static async Task<ReviewContext> ForAsync(LandQualityDbContext db, ReviewCase @case, CancellationToken ct)
    {
        var stages = await db.Findings
            .Where(f => f.ParcelId == @case.ParcelId && (f.Severity == "error" || f.IsRuleError)
                && db.ParcelStatuses.Any(s => s.ParcelId == f.ParcelId && s.RunId == f.RunId))
            .Select(f => f.Stage).Distinct().ToListAsync(ct);
        return ReviewContext.FromFindings(stages.Select(Parse), @case.PoliceConfirmed, @case.Round);
    }

    static ReviewStage Parse(string stage) => stage switch
    {
        "police" => ReviewStage.Police,
        "department" => ReviewStage.Department,
        _ => ReviewStage.Commune,
    };
}
