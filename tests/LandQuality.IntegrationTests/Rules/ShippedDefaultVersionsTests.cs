using LandQuality.Rules.Versions;

namespace LandQuality.IntegrationTests.Rules;

/// <summary>
/// How the shipped versions of the default rule set (rules/default/N.json) reach a database: a fresh
/// one stores them all and publishes the newest; one that already runs an older version receives a
/// new one as a draft, and publishing it retires the old.
/// </summary>
public sealed class ShippedDefaultVersionsTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static readonly List<(string RuleSet, int Version, string Content)> Shipped = ShippedRuleSets.All.Where(s => s.RuleSet == "default").ToList();

    [Fact]
    public async Task A_fresh_database_publishes_version_3_and_keeps_the_older_ones_as_drafts()
    {
        var stored = await new RuleSetStore(db.Database).ListAsync("default", CancellationToken.None);

        Assert.Equal([1, 2, 3], Shipped.Select(s => s.Version));
        Assert.Equal(Shipped.Select(s => RuleSetStore.Hash(s.Content)), stored.Select(v => v.ContentHash));
        Assert.Equal([RuleSetStatus.Draft, RuleSetStatus.Draft, RuleSetStatus.Published], stored.Select(v => v.Status));
        Assert.Equal([RuleSetStanding.Superseded, RuleSetStanding.Superseded, RuleSetStanding.Published],
            stored.Select(v => RuleSetStandings.Of(v, stored)));
    }

    [Fact]
    public async Task A_database_running_version_2_gets_3_as_a_draft_and_publishing_it_retires_2()
    {
        // A rule set of its own name, standing for an installation seeded while 2 was the newest shipped version.
        const string set = "default-from-2";
        var store = new RuleSetStore(db.Database);
        var v2 = await store.AddDraftAsync(set, Shipped.Single(s => s.Version == 2).Content, "LandQuality (shipped)", null, CancellationToken.None);
        await store.PublishAsync(set, v2.Version, "LandQuality (shipped)", CancellationToken.None);

        var v3 = await store.AddDraftAsync(set, Shipped.Single(s => s.Version == 3).Content, "LandQuality (shipped)", null, CancellationToken.None);
        Assert.Equal(RuleSetStatus.Draft, v3.Status);
        Assert.Equal(RuleSetStanding.Draft, RuleSetStandings.Of(v3, await store.ListAsync(set, CancellationToken.None)));
        await store.PublishAsync(set, v3.Version, "policy.staff", CancellationToken.None);

        var stored = await store.ListAsync(set, CancellationToken.None);
        Assert.Equal([RuleSetStatus.Retired, RuleSetStatus.Published], stored.Select(v => v.Status));
        Assert.Equal([RuleSetStanding.Retired, RuleSetStanding.Published], stored.Select(v => RuleSetStandings.Of(v, stored)));
        Assert.Equal(v3.ContentHash, (await store.GetPublishedAsync(set, CancellationToken.None))!.ContentHash);
    }
}
