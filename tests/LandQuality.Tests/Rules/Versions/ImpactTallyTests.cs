using LandQuality.Rules;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Versions;

namespace LandQuality.Tests.Rules.Versions;

/// <summary>
/// The preview's counts: a parcel newly failing or passing a rule, a dimension or a commune, rule errors kept apart,
/// and slices tallied apart then merged giving exactly what one tally over all the parcels gives.
/// </summary>
public class ImpactTallyTests
{
    static readonly RuleMetadata AreaMissing = new("w", "area_missing", Dimension.Sufficient, Severity.Error, ReviewStage.Commune, "vi", "en");
    static readonly RuleMetadata OldRecord = new("w", "old_record", Dimension.Alive, Severity.Warning, ReviewStage.Commune, "vi", "en");

    static Finding Fails(string parcel, RuleMetadata rule) => new(parcel, rule, "no", IsRuleError: false);

    static Finding Throws(string parcel, RuleMetadata rule) => new(parcel, rule, "boom", IsRuleError: true);

    [Fact]
    public void A_parcel_failing_only_under_the_draft_is_newly_failing_its_rule_dimension_severity_and_commune()
    {
        var tally = new ImpactTally(keepAffected: true);

        tally.Add("P1", "19753", [], [Fails("P1", AreaMissing)]);

        var report = tally.ToReport(3, 0);
        var rule = Assert.Single(report.Rules);
        Assert.Equal(("area_missing", 1L, 0L, 0L, 1L), (rule.Key, rule.NewlyFailing, rule.NewlyPassing, rule.FailingNow, rule.FailingUnderDraft));
        Assert.Equal(["P1"], rule.FailingExamples!);
        Assert.Equal(1, report.Dimensions.Single(d => d.Key == "sufficient").NewlyFailing);
        Assert.Equal(4, report.Dimensions.Count);
        Assert.Equal(1, Assert.Single(report.Severities!).NewlyFailing);
        Assert.Equal(("19753", 1L), (Assert.Single(report.Communes!).Key, report.Communes![0].NewlyFailing));
        Assert.Equal([new AffectedParcel("P1", "19753", "area_missing", true)], tally.Affected);
    }

    [Fact]
    public void A_warning_changes_the_rule_and_severity_but_no_dimension_or_commune()
    {
        var tally = new ImpactTally(keepAffected: false);

        tally.Add("P1", "19753", [Fails("P1", OldRecord)], []);

        var report = tally.ToReport(3, 0);
        Assert.Equal(1, Assert.Single(report.Rules).NewlyPassing);
        Assert.Equal(("warning", 1L), (Assert.Single(report.Severities!).Key, report.Severities![0].NewlyPassing));
        Assert.All(report.Dimensions, d => Assert.Equal(0, d.NewlyPassing));
        Assert.Empty(report.Communes!);
        Assert.Empty(tally.Affected);
    }

    [Fact]
    public void A_rule_error_is_counted_apart_and_is_not_a_failure()
    {
        var tally = new ImpactTally(keepAffected: true);

        tally.Add("P1", "19753", [Fails("P1", AreaMissing)], [Throws("P1", AreaMissing), Throws("P1", AreaMissing)]);

        var report = tally.ToReport(3, 0);
        Assert.Equal(1, report.RuleErrors["area_missing"]);
        Assert.Equal((0L, 1L), (report.Rules[0].NewlyFailing, report.Rules[0].NewlyPassing));
        Assert.Equal([new AffectedParcel("P1", "19753", "area_missing", false)], tally.Affected);
    }

    [Fact]
    public void Slices_merged_in_parcel_order_give_what_one_tally_gives()
    {
        var parcels = Enumerable.Range(0, 40).Select(i => (Id: $"P{i:D2}", Commune: i % 3 == 0 ? "19753" : "19774",
            Now: i % 4 == 0 ? new[] { Fails($"P{i:D2}", AreaMissing) } : [],
            Then: i % 5 == 0 ? new[] { Fails($"P{i:D2}", AreaMissing), Fails($"P{i:D2}", OldRecord) } : i % 7 == 0 ? [Throws($"P{i:D2}", OldRecord)] : [])).ToList();
        var whole = new ImpactTally(keepAffected: true);
        foreach (var p in parcels)
            whole.Add(p.Id, p.Commune, p.Now, p.Then);

        var merged = new ImpactTally(keepAffected: false);
        var affected = new List<AffectedParcel>();
        foreach (var chunk in parcels.Chunk(6))
        {
            var slice = new ImpactTally(keepAffected: true);
            foreach (var p in chunk)
                slice.Add(p.Id, p.Commune, p.Now, p.Then);
            merged.Merge(slice);
            affected.AddRange(slice.Affected);
        }

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(whole.ToReport(3, 0)), System.Text.Json.JsonSerializer.Serialize(merged.ToReport(3, 0)));
        Assert.Equal(whole.Affected, affected);
        var oldRecord = merged.ToReport(3, 0).Rules.Single(r => r.Key == "old_record");
        Assert.Equal(8, oldRecord.NewlyFailing);
        Assert.Equal(["P00", "P05", "P10", "P15", "P20"], oldRecord.FailingExamples!);
    }
}
