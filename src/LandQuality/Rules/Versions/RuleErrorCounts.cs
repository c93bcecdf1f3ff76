using System.Globalization;
using LandQuality.Rules.Evaluation;

namespace LandQuality.Rules.Versions;

/// <summary>
/// Per rule, on how many of <see cref="Parcels"/> parcels it threw (a rule error), and how those
/// counts read to people: Vietnamese with vi-VN numbers, English with en numbers.
/// </summary>
public sealed record RuleErrorCounts(long Parcels, IReadOnlyDictionary<string, long> PerRule)
{
    /// <summary>
    /// A version may be published only when no rule throws on more than this share of the sampled
    /// parcels: a rule that throws everywhere is a broken rule, while one that throws on a rare
    /// malformed record may be worth having.
    /// </summary>
    public const int PublishLimitPercent = 1;

    static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    /// <summary>The rules above <see cref="PublishLimitPercent"/>, most errors first.</summary>
    public IReadOnlyList<string> AboveLimit => PerRule
        .Where(kv => kv.Value * 100 > Parcels * PublishLimitPercent)
        .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToList();

    /// <summary>Every rule that threw, most errors first.</summary>
    public IReadOnlyList<string> Rules =>
        PerRule.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToList();

    /// <summary>"quy tắc X lỗi trên 2.000/2.000 thửa"</summary>
    public string Vietnamese(string rule) => string.Create(Vi, $"quy tắc {rule} lỗi trên {PerRule[rule]:N0}/{Parcels:N0} thửa");

    /// <summary>"rule X threw for 2,000 of 2,000 parcels"</summary>
    public string English(string rule) => string.Create(En, $"rule {rule} threw for {PerRule[rule]:N0} of {Parcels:N0} parcels");

    /// <summary>One line per rule that threw, Vietnamese then English.</summary>
    public string Line(string rule) => $"{Vietnamese(rule)} — {English(rule)}";

    /// <summary>Adds the parcels each rule threw for in <paramref name="findings"/> to <paramref name="counts"/>.</summary>
    public static void Add(Dictionary<string, long> counts, IEnumerable<Finding> findings)
    {
        foreach (var (_, rule) in findings.Where(f => f.IsRuleError).Select(f => (f.ParcelId, f.RuleName)).Distinct())
            counts[rule] = counts.GetValueOrDefault(rule) + 1;
    }
}
