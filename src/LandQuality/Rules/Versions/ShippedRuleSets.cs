using LandQuality.Data;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Rules.Versions;

/// <summary>
/// The rule sets shipped in the repository's <c>rules/&lt;set&gt;/&lt;n&gt;.json</c>, embedded in the
/// library. On first run each set is stored and its newest shipped version published; a shipped
/// version that appears later arrives as a draft, for policy staff to preview and publish.
/// </summary>
public static class ShippedRuleSets
{
    const string Prefix = "LandQuality.ShippedRules.";

    /// <summary>(rule set, version, content) of every shipped file, in version order.</summary>
    public static IReadOnlyList<(string RuleSet, int Version, string Content)> All { get; } = ShippedFiles.Load(Prefix);

    public static async Task SeedAsync(Database database, CancellationToken ct)
    {
        var store = new RuleSetStore(database);
        foreach (var set in All.GroupBy(s => s.RuleSet))
        {
            await using var db = database.CreateContext();
            var known = await db.RuleSetVersions.Where(v => v.RuleSet == set.Key).Select(v => v.ContentHash).ToListAsync(ct);
            var firstRun = known.Count == 0;
            RuleSetVersion? last = null;
            foreach (var shipped in set.Where(s => !known.Contains(RuleSetStore.Hash(s.Content))))
                last = await store.AddDraftAsync(set.Key, shipped.Content, "LandQuality (shipped)", $"shipped as rules/{set.Key}/{shipped.Version}.json", ct);
            if (firstRun && last is not null)
                await store.PublishShippedAsync(set.Key, last.Version, "LandQuality (shipped)", ct);
        }
    }
}
