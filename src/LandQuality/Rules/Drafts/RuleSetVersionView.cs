using System.Text.Json.Serialization;
using LandQuality.Rules.Loading;
using LandQuality.Rules.Versions;
using RulesEngine.Models;

namespace LandQuality.Rules.Drafts;

/// <summary>
/// One stored version as the editor reads it: its standing among the versions of its rule set, who stored and
/// published it and when, why, and every rule with its expression and parameters.
/// </summary>
/// <param name="Status">The version's standing (<see cref="RuleSetStanding"/>): draft, published, superseded or retired.</param>
/// <param name="PublishNote">Why it was published despite a refusal of the rule-error gate; null for an ordinary publish.</param>
public sealed record RuleSetVersionView(string RuleSet, int Version, string Status, string CreatedBy, DateTimeOffset CreatedAt,
    string? PublishedBy, DateTimeOffset? PublishedAt, DateTimeOffset? RetiredAt, string? ChangeNote, string? PublishNote, string ContentHash,
    IReadOnlyList<DraftRuleView> Rules, IReadOnlyList<ScopedParam> GlobalParams)
{
    /// <param name="stored">The versions of its rule set, which decide whether a draft was superseded.</param>
    public static RuleSetVersionView Of(RuleSetVersion v, IEnumerable<RuleSetVersion> stored)
    {
        var workflows = RuleSetFile.Parse(v.Content);
        return new RuleSetVersionView(v.RuleSet, v.Version, RuleSetStandings.Of(v, stored).ToString().ToLowerInvariant(), v.Author, v.CreatedAt,
            v.PublishedBy, v.PublishedAt, v.RetiredAt, v.ChangeNote, v.PublishNote, v.ContentHash, DraftRuleView.AllOf(workflows),
            workflows.SelectMany(w => w.GlobalParams ?? []).ToList());
    }

    [JsonIgnore]
    public bool InForce => Status == "published";
}
