using System.Text.Json.Nodes;
using LandQuality.Documents.Notices;
using LandQuality.IntegrationTests.Review;
using LandQuality.Rules;
using LandQuality.Rules.Runs;
using LandQuality.Rules.Versions;

namespace LandQuality.IntegrationTests.Documents;

/// <summary>
/// A rule names the papers that settle it (<c>citizen_papers</c>, chosen on the editor's form): the notices list those,
/// in place of the catalogue's, as soon as the rule set naming them is in force.
/// </summary>
public sealed class RuleNamedPapersTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_papers_a_published_rule_names_replace_the_catalogues_on_the_notice()
    {
        var ct = CancellationToken.None;
        var scenario = new ReviewScenario(db);
        await scenario.AddParcelAsync("PAPERS-1", 921, "missing_certificate_serial");
        await scenario.OpenCasesAsync();
        var source = new NoticeSource(db.Database);
        var before = Assert.Single((await source.LoadAsync(ReviewScenario.Commune, new DateOnly(2025, 10, 1), ct)).Vi.Notices);
        Assert.Equal([CitizenPapers.Certificate.Vi], before.Papers);

        var store = new RuleSetStore(db.Database);
        var published = (await store.GetPublishedAsync(RunLog.RuleSetInForce, ct))!;
        var draft = await store.AddDraftAsync(RunLog.RuleSetInForce, WithPapers(published.Content, "missing_certificate_serial", "survey,certificate"),
            "policy.staff", null, ct);
        await store.PublishAsync(RunLog.RuleSetInForce, draft.Version, "policy.staff", ct);
        var after = await source.LoadAsync(ReviewScenario.Commune, new DateOnly(2025, 10, 1), ct);

        // In the catalogue's order of papers, whatever order the rule lists them in.
        Assert.Equal([CitizenPapers.Certificate.Vi, CitizenPapers.Survey.Vi], Assert.Single(after.Vi.Notices).Papers);
        Assert.Equal([CitizenPapers.Certificate.En, CitizenPapers.Survey.En], Assert.Single(after.En.Notices).Papers);
    }

    [Fact]
    public async Task A_rule_naming_a_paper_nobody_knows_is_refused_and_the_version_in_force_stays()
    {
        var ct = CancellationToken.None;
        var store = new RuleSetStore(db.Database);
        var published = (await store.GetPublishedAsync(RunLog.RuleSetInForce, ct))!;

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => store.AddDraftAsync(RunLog.RuleSetInForce,
            WithPapers(published.Content, "missing_certificate_serial", "passport"), "policy.staff", null, ct));

        Assert.Contains("passport", refused.Message, StringComparison.Ordinal);
        Assert.Equal(published.Version, (await store.GetPublishedAsync(RunLog.RuleSetInForce, ct))!.Version);
    }

    static string WithPapers(string content, string rule, string papers)
    {
        var file = JsonNode.Parse(content)!;
        var found = file["Rules"]!.AsArray().Single(r => (string?)r!["RuleName"] == rule)!;
        found["Properties"]![RuleMetadata.CitizenPapersKey] = papers;
        return file.ToJsonString();
    }
}
