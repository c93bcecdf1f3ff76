using System.Globalization;
using LandQuality.IntegrationTests.Rules;
using LandQuality.Rules.Versions;

namespace LandQuality.IntegrationTests.Cli;

/// <summary>
/// A rule named <c>probe [red</c> made <c>lq evaluate</c>, <c>lq rules preview</c> and <c>lq rules diff</c> exit 1 after
/// storing their results: the console read the name as markup (issue "Hardening"). Every name is printed as written.
/// </summary>
public sealed class MarkupInNamesTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    const string RuleSet = "probe";
    const string RuleName = "probe [red";

    static string Content(string expression) => $$"""
        { "WorkflowName": "probe [blue]", "Rules": [ { "RuleName": "{{RuleName}}", "Expression": "{{expression}}", "ErrorMessage": "[bold]large[/]",
          "Properties": { "dimension": "sufficient", "severity": "error", "stage": "commune", "message_vi": "thửa [lớn", "message_en": "large [parcel" } } ] }
        """;

    /// <summary>A published version under which nearly every parcel fails the rule, and a draft that changes its expression.</summary>
    async Task<(int Published, int Draft)> VersionsAsync()
    {
        var store = new RuleSetStore(data.Db.Database);
        var published = await store.AddDraftAsync(RuleSet, Content("input1.AreaM2 != null && input1.AreaM2 > 1000000"), "policy.staff", null, CancellationToken.None);
        if (published.Status == RuleSetStatus.Draft)
            await store.PublishAsync(RuleSet, published.Version, "policy.staff", CancellationToken.None);
        var draft = await store.AddDraftAsync(RuleSet, Content("input1.AreaM2 != null && input1.AreaM2 > 100"), "policy.staff", null, CancellationToken.None);
        return (published.Version, draft.Version);
    }

    [Fact]
    public async Task Evaluate_prints_a_rule_name_holding_markup_as_written()
    {
        await VersionsAsync();

        var output = await Lq.SucceedsAsync(data.Db.ConnectionString, "evaluate", "--rule-set", RuleSet);

        Assert.Contains(RuleName, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_prints_a_rule_name_holding_markup_as_written()
    {
        var (_, draft) = await VersionsAsync();

        var output = await Lq.SucceedsAsync(data.Db.ConnectionString, "rules", "preview", draft.ToString(CultureInfo.InvariantCulture), "--rule-set", RuleSet);

        Assert.Contains(RuleName, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_prints_rule_and_workflow_names_holding_markup_as_written()
    {
        var (published, draft) = await VersionsAsync();

        var output = await Lq.SucceedsAsync(data.Db.ConnectionString, "rules", "diff", published.ToString(CultureInfo.InvariantCulture), draft.ToString(CultureInfo.InvariantCulture), "--rule-set", RuleSet);

        Assert.Contains(RuleName, output, StringComparison.Ordinal);
        Assert.Contains("probe [blue]", output, StringComparison.Ordinal);
    }
}
