using LandQuality.Review.Cases;
using LandQuality.Rules.Runs;
using LandQuality.Rules.Versions;

namespace LandQuality.IntegrationTests.Rules;

/// <summary>
/// A published rule that throws on every parcel failed every parcel's dimension — even at severity warning —
/// so <c>lq cases open</c> opened a case for every parcel (issue "Hardening"). A rule error says nothing about
/// the data: it is stored as a finding, and changes no verdict.
/// </summary>
public sealed class RuleErrorVerdictTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    [Fact]
    public async Task A_rule_that_throws_on_every_parcel_changes_no_verdict_and_opens_no_case()
    {
        var ct = CancellationToken.None;
        var runner = new EvaluationRunner(data.Db.Database);
        await runner.RunAsync(new EvaluationRequest("test"), null, ct);
        var before = await VerdictsAsync();
        var failingBefore = await data.Db.ScalarAsync("SELECT count(*) FROM parcel_status WHERE NOT (correct AND sufficient AND clean AND alive)");
        var store = new RuleSetStore(data.Db.Database);
        var published = (await store.GetPublishedAsync(RunLog.RuleSetInForce, ct))!;
        var broken = await store.AddDraftAsync(RunLog.RuleSetInForce, RuleErrorFiles.WithThrowingRule(published.Content), "policy.staff", null, ct);
        await store.PublishAsync(RunLog.RuleSetInForce, broken.Version, "policy.staff", "the test needs the broken rule in force", ct);

        var run = await runner.RunAsync(new EvaluationRequest("test"), null, ct);
        var opened = await new CaseOpener(data.Db.Database).OpenAsync("test", ct);

        Assert.Equal(GeneratedDataSet.Parcels, run.RuleErrors[RuleErrorFiles.RuleName]);
        Assert.DoesNotContain(RuleErrorFiles.RuleName, run.FailuresPerRule.Keys);
        // Still stored, for the rule's author, as rule errors.
        Assert.Equal(GeneratedDataSet.Parcels, await data.Db.ScalarAsync(
            $"SELECT count(*) FROM findings WHERE run_id = {run.RunId} AND rule_name = '{RuleErrorFiles.RuleName}' AND is_rule_error"));
        Assert.Equal(before, await VerdictsAsync());
        // The data fails some parcels, not all: a case per parcel would show here.
        Assert.InRange(failingBefore, 1, GeneratedDataSet.Parcels - 1);
        Assert.Equal(failingBefore, opened);
    }

    [Fact]
    public async Task Evaluate_prints_rule_errors_in_their_own_section_only_when_there_are_some()
    {
        var ct = CancellationToken.None;
        var store = new RuleSetStore(data.Db.Database);
        await store.AddDraftAsync("clean-only", RuleErrorFiles.Simple(throwing: false), "policy.staff", null, ct);
        await store.PublishAsync("clean-only", 1, "policy.staff", ct);
        await store.AddDraftAsync("with-errors", RuleErrorFiles.Simple(throwing: true), "policy.staff", null, ct);
        await store.PublishAsync("with-errors", 1, "policy.staff", "the test needs the broken rule", ct);

        var clean = await Cli.Lq.SucceedsAsync(data.Db.ConnectionString, "evaluate", "--rule-set", "clean-only");
        var broken = await Cli.Lq.SucceedsAsync(data.Db.ConnectionString, "evaluate", "--rule-set", "with-errors");

        Assert.DoesNotContain("Lỗi quy tắc", clean, StringComparison.Ordinal);
        Assert.Contains("Lỗi quy tắc", broken, StringComparison.Ordinal);
        var row = Assert.Single(broken.Split('\n'), l => l.Contains(RuleErrorFiles.RuleName, StringComparison.Ordinal));
        Assert.Contains("3.000", row, StringComparison.Ordinal);
    }

    /// <summary>Every parcel's stored verdict: its four dimensions, its counts and the rules it fails.</summary>
    async Task<List<string>> VerdictsAsync()
    {
        await using var cmd = data.Db.Superuser.CreateCommand(
            "SELECT concat_ws('|', parcel_id, correct, sufficient, clean, alive, errors, warnings, failing) FROM parcel_status ORDER BY parcel_id");
        await using var r = await cmd.ExecuteReaderAsync();
        var verdicts = new List<string>();
        while (await r.ReadAsync())
            verdicts.Add(r.GetString(0));
        Assert.Equal(GeneratedDataSet.Parcels, verdicts.Count);
        return verdicts;
    }
}
