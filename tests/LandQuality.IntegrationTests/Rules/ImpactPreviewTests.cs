using LandQuality.Rules.Versions;

namespace LandQuality.IntegrationTests.Rules;

public sealed class ImpactPreviewTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    static string RuleSet(string expression) => $$"""
        { "WorkflowName": "t", "Rules": [ { "RuleName": "area_present", "Expression": "{{expression}}", "ErrorMessage": "no",
          "Properties": { "dimension": "sufficient", "severity": "error", "stage": "commune", "message_vi": "không", "message_en": "no" } } ] }
        """;

    [Fact]
    public async Task The_preview_counts_parcels_newly_failing_and_newly_passing_against_the_published_version()
    {
        var store = new RuleSetStore(data.Db.Database);
        var published = await store.AddDraftAsync("preview", RuleSet("input1.AreaM2 != null"), "t", null, CancellationToken.None);
        await store.PublishAsync("preview", published.Version, "t", CancellationToken.None);
        var draft = await store.AddDraftAsync("preview", RuleSet("input1.AreaM2 != null && input1.AreaM2 > 100"), "t", null, CancellationToken.None);

        var report = await new ImpactPreview(data.Db.Database).RunAsync((await store.GetPublishedAsync("preview", CancellationToken.None))!, draft, CancellationToken.None);

        var missing = await data.Db.ScalarAsync("SELECT count(*) FROM parcels WHERE area_m2 IS NULL");
        var small = await data.Db.ScalarAsync("SELECT count(*) FROM parcels WHERE area_m2 <= 100");
        var line = Assert.Single(report.Rules);
        Assert.Equal((missing, missing + small, small, 0L), (line.FailingNow, line.FailingUnderDraft, line.NewlyFailing, line.NewlyPassing));
        Assert.Equal(line.NewlyFailing, report.Dimensions.Single(d => d.Key == "sufficient").NewlyFailing);
        Assert.Equal(GeneratedDataSet.Parcels, report.Parcels);
        Assert.Equal(RuleSetStatus.Draft, (await store.GetAsync("preview", draft.Version, CancellationToken.None))!.Status);
    }
}
