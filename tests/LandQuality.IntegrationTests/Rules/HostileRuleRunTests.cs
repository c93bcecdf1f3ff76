using LandQuality.Rules.Runs;
using LandQuality.Rules.Versions;

namespace LandQuality.IntegrationTests.Rules;

/// <summary>
/// A version published before the allow-list and the budget existed, holding a rule that reflects and
/// one that runs away (issue "Hardening"): a run over every parcel completes, the single-parcel
/// re-evaluation that review approvals wait on returns, each rule is a rule error on every parcel,
/// and no finding holds the server's install path.
/// </summary>
public sealed class HostileRuleRunTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    const string RuleSet = "hostile";

    static string Rule(string name, string expression, string localParams = "") => $$"""
        { "RuleName": "{{name}}", "Expression": "{{expression}}", "ErrorMessage": "{{name}} failed", {{localParams}}
          "Properties": { "dimension": "correct", "severity": "warning", "stage": "commune", "message_vi": "thử", "message_en": "probe" } }
        """;

    static readonly string Content = $$"""
        [ { "WorkflowName": "hostile", "Rules": [
          {{Rule("install_path", "location != null", """ "LocalParams": [ { "Name": "location", "Expression": "\"\".GetType().Assembly.Location" } ], """)}},
          {{Rule("counts_to_int_max", "Enumerable.Range(0, int.MaxValue).Where(i => i < 0).Count() > 0")}} ] } ]
        """;

    /// <summary>Stored as an older release stored it: without the checks a version passes today.</summary>
    async Task PublishUncheckedAsync()
    {
        await using var db = data.Db.Database.CreateContext();
        if (db.RuleSetVersions.Any(v => v.RuleSet == RuleSet))
            return;
        var version = new RuleSetVersion
        {
            RuleSet = RuleSet, Version = 1, Content = Content, ContentHash = RuleSetStore.Hash(Content), Author = "before the allow-list",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        version.Publish("before the allow-list", DateTimeOffset.UtcNow);
        db.RuleSetVersions.Add(version);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_run_completes_with_a_rule_error_per_rule_and_parcel_and_stores_no_install_path()
    {
        await PublishUncheckedAsync();

        var summary = await new EvaluationRunner(data.Db.Database).RunAsync(new EvaluationRequest("test", RuleSet), null, CancellationToken.None);

        Assert.Equal(GeneratedDataSet.Parcels, summary.ParcelsEvaluated);
        Assert.Equal("Completed", await data.Db.ScalarTextAsync($"SELECT status FROM evaluation_runs WHERE id = {summary.RunId}"));
        foreach (var rule in new[] { "install_path", "counts_to_int_max" })
            Assert.Equal(GeneratedDataSet.Parcels,
                await data.Db.ScalarAsync($"SELECT count(*) FROM findings WHERE run_id = {summary.RunId} AND rule_name = '{rule}' AND is_rule_error"));
        Assert.Equal(GeneratedDataSet.Parcels, await data.Db.ScalarAsync(
            $"SELECT count(*) FROM findings WHERE run_id = {summary.RunId} AND message LIKE '%walked more than 10,000 items%'"));
        var installed = Path.GetDirectoryName(typeof(RuleSetStore).Assembly.Location)!;
        Assert.Equal(0, await data.Db.ScalarAsync($"SELECT count(*) FROM findings WHERE position('{installed}' in message) > 0"));
    }

    [Fact]
    public async Task The_single_parcel_re_evaluation_returns_with_both_rule_errors()
    {
        await PublishUncheckedAsync();
        var parcel = (await data.Db.ScalarTextAsync("SELECT min(parcel_id) FROM parcels"))!;

        var summary = await new EvaluationRunner(data.Db.Database).EvaluateParcelAsync(parcel, new EvaluationRequest("test", RuleSet), CancellationToken.None);

        Assert.Equal(1, summary.ParcelsEvaluated);
        Assert.Equal(2, await data.Db.ScalarAsync($"SELECT count(*) FROM findings WHERE run_id = {summary.RunId} AND is_rule_error"));
    }
}
