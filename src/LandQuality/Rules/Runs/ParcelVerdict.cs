using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;

namespace LandQuality.Rules.Runs;

/// <summary>
/// A parcel's verdict per dimension: a dimension passes when no error-severity rule of it fails.
/// A rule error (the rule's expression threw) says nothing about the data: it is a fault of the rule,
/// stored as a finding for the rule's author but left out of the verdict, the counts and the failing
/// rules — otherwise one broken rule would fail every parcel and open a case for each.
/// Verified means all four dimensions pass: đúng – đủ – sạch – sống.
/// </summary>
/// <param name="Errors">Error-severity data findings (rule errors not counted).</param>
/// <param name="Warnings">Warning-severity data findings (rule errors not counted).</param>
/// <param name="Failing">The rules the data fails (errors and warnings), sorted and comma-separated; empty when none.</param>
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
                if (f.IsRuleError)
                    continue;
                if (f.Severity == Severity.Error)
                {
                    errors++;
                    blocking[(int)f.Dimension] = true;
                }
                else
                    warnings++;
            }
            verdicts.Add(new ParcelVerdict(parcel.ParcelId, !blocking[(int)Dimension.Correct], !blocking[(int)Dimension.Sufficient],
                !blocking[(int)Dimension.Clean], !blocking[(int)Dimension.Alive], errors, warnings,
                errors + warnings == 0 ? "" : string.Join(',', own.Where(f => !f.IsRuleError).Select(f => f.RuleName).Distinct().Order(StringComparer.Ordinal))));
        }
        return verdicts;
    }
}
