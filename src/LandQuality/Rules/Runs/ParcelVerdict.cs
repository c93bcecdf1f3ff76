using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;

namespace LandQuality.Rules.Runs;

/// <summary>
/// A parcel's verdict per dimension: a dimension passes when no error-severity rule of it fails.
/// A rule that could not be evaluated (its expression threw) counts as failing, because nothing was
/// shown to be right. Verified means all four dimensions pass: đúng – đủ – sạch – sống.
/// </summary>
/// <param name="Failing">The rules the parcel fails (errors and warnings), sorted and comma-separated; empty when none.</param>
public readonly record struct ParcelVerdict(string ParcelId, bool Correct, bool Sufficient, bool Clean, bool Alive, int Errors, int Warnings,
    string Failing)
{
    public bool Verified => Correct && Sufficient && Clean && Alive;

    public static List<ParcelVerdict> Of(IReadOnlyList<ParcelFacts> parcels, IReadOnlyList<Finding> findings)
    {
        var byParcel = findings.ToLookup(f => f.ParcelId, StringComparer.Ordinal);
        var verdicts = new List<ParcelVerdict>(parcels.Count);
        foreach (var parcel in parcels)
        {
            var blocking = new bool[4];
            int errors = 0, warnings = 0;
            var own = byParcel[parcel.ParcelId];
            foreach (var f in own)
            {
                if (f.Severity == Severity.Error || f.IsRuleError)
                {
                    errors++;
                    blocking[(int)f.Dimension] = true;
                }
                else
                    warnings++;
            }
            verdicts.Add(new ParcelVerdict(parcel.ParcelId, !blocking[(int)Dimension.Correct], !blocking[(int)Dimension.Sufficient],
                !blocking[(int)Dimension.Clean], !blocking[(int)Dimension.Alive], errors, warnings,
                errors + warnings == 0 ? "" : string.Join(',', own.Select(f => f.RuleName).Distinct().Order(StringComparer.Ordinal))));
        }
        return verdicts;
    }
}
