using LandQuality.Rules;

namespace LandQuality.Review.Definitions;

/// <summary>
/// The guards a definition may name in <c>"when"</c>. They are C# on purpose: a definition chooses
/// among reviewed predicates and cannot smuggle in a script.
/// </summary>
public static class ReviewGuards
{
    public static IReadOnlyDictionary<string, Func<ReviewContext, bool>> All { get; } =
        new Dictionary<string, Func<ReviewContext, bool>>(StringComparer.Ordinal)
        {
            ["passes_all_error_rules"] = c => c.PassesAllErrorRules,
            ["has_police_findings"] = c => c.HasFindings(ReviewStage.Police),
            ["has_department_findings"] = c => c.HasFindings(ReviewStage.Department),
            ["has_commune_findings"] = c => c.HasFindings(ReviewStage.Commune),
            ["police_confirmed"] = c => c.PoliceConfirmed,
            // Identity findings the police have not yet confirmed in this round.
            ["needs_police"] = c => c.HasFindings(ReviewStage.Police) && !c.PoliceConfirmed,
        };

    public static bool IsKnown(string name) => All.ContainsKey(name);

    /// <summary>The names, sorted, for messages that say what would have been accepted.</summary>
    public static string KnownNames => string.Join(", ", All.Keys.Order(StringComparer.Ordinal));
}
