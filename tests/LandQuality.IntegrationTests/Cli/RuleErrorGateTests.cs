using System.Globalization;
using System.Text.Json;
using LandQuality.IntegrationTests.Rules;
using LandQuality.Rules.Versions;

namespace LandQuality.IntegrationTests.Cli;

/// <summary>
/// A rule that checks clean but throws on every parcel (issue "Hardening"): <c>lq rules check --sample</c>,
/// <c>lq rules preview</c> and <c>lq rules publish</c> each say so, by rule, and publishing refuses it unless
/// forced with a reason that is kept. Each test has a rule set of its own over the shared generated data.
/// </summary>
public sealed class RuleErrorGateTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    const string Author = "policy.staff";
    static readonly string ThrewForSample = $"rule {RuleErrorFiles.RuleName} threw for 2,000 of 2,000 parcels";

    /// <summary>A published version of <paramref name="set"/> without the throwing rule, and a draft with it.</summary>
    async Task<(int Published, int Draft)> VersionsAsync(string set)
    {
        var store = new RuleSetStore(data.Db.Database);
        var published = await store.AddDraftAsync(set, RuleErrorFiles.Simple(throwing: false), Author, null, CancellationToken.None);
        await store.PublishAsync(set, published.Version, Author, CancellationToken.None);
        var draft = await store.AddDraftAsync(set, RuleErrorFiles.Simple(throwing: true), Author, null, CancellationToken.None);
        return (published.Version, draft.Version);
    }

    static string N(int version) => version.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Preview_json_gives_rule_errors_per_rule_and_does_not_count_them_as_newly_failing()
    {
        var (_, draft) = await VersionsAsync("gate-preview");

        var output = await Lq.SucceedsAsync(data.Db.ConnectionString, "rules", "preview", N(draft), "--rule-set", "gate-preview", "--json");

        using var json = JsonDocument.Parse(output);
        var errors = json.RootElement.GetProperty("rule_errors");
        Assert.Equal([(RuleErrorFiles.RuleName, (long)GeneratedDataSet.Parcels)],
            errors.EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())));
        Assert.All(json.RootElement.GetProperty("dimensions").EnumerateArray(), d => Assert.Equal(0, d.GetProperty("newly_failing").GetInt64()));
        Assert.DoesNotContain(json.RootElement.GetProperty("rules").EnumerateArray(), r => r.GetProperty("key").GetString() == RuleErrorFiles.RuleName);
        Assert.Equal(GeneratedDataSet.Parcels, json.RootElement.GetProperty("parcels").GetInt64());
    }

    [Fact]
    public async Task Preview_lists_the_drafts_rule_errors_apart_from_the_failing_tables()
    {
        var (_, draft) = await VersionsAsync("gate-preview-text");

        var lines = (await Lq.SucceedsAsync(data.Db.ConnectionString, "rules", "preview", N(draft), "--rule-set", "gate-preview-text")).Split('\n');

        var heading = Array.FindIndex(lines, l => l.Contains("the draft's rule errors", StringComparison.Ordinal));
        Assert.InRange(heading, 1, lines.Length);
        // The rule appears once, in the rule errors' table: not as a row of the failing tables above it.
        var rows = lines.Select((l, i) => (l, i)).Where(x => x.l.Contains(RuleErrorFiles.RuleName, StringComparison.Ordinal)).ToList();
        var row = Assert.Single(rows);
        Assert.True(row.i > heading);
        Assert.Contains("3.000/3.000 — 3,000 of 3,000", row.l, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_a_draft_whose_rule_throws_is_refused_naming_the_rule_and_the_published_version_stays()
    {
        var (published, draft) = await VersionsAsync("gate-refused");

        var result = await Lq.RunAsync(data.Db.ConnectionString, Lq.NewHome(), "rules", "publish", N(draft), "--rule-set", "gate-refused");

        Assert.True(result.ExitCode == 1, result.Describe(["rules", "publish"]));
        Assert.Contains(ThrewForSample, result.Errors, StringComparison.Ordinal);
        var store = new RuleSetStore(data.Db.Database);
        Assert.Equal(published, (await store.GetPublishedAsync("gate-refused", CancellationToken.None))!.Version);
        Assert.Equal(RuleSetStatus.Draft, (await store.GetAsync("gate-refused", draft, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Force_without_a_reason_is_refused_and_with_one_publishes_and_keeps_the_reason()
    {
        const string set = "gate-forced";
        var (published, draft) = await VersionsAsync(set);
        var store = new RuleSetStore(data.Db.Database);

        var noReason = await Lq.RunAsync(data.Db.ConnectionString, Lq.NewHome(), "rules", "publish", N(draft), "--rule-set", set, "--force");
        var blankReason = await Lq.RunAsync(data.Db.ConnectionString, Lq.NewHome(), "rules", "publish", N(draft), "--rule-set", set, "--force", "--reason", " ");

        Assert.Equal((1, 1), (noReason.ExitCode, blankReason.ExitCode));
        Assert.Contains("--reason", noReason.Errors, StringComparison.Ordinal);
        Assert.Equal(published, (await store.GetPublishedAsync(set, CancellationToken.None))!.Version);

        await Lq.SucceedsAsync(data.Db.ConnectionString, "rules", "publish", N(draft), "--rule-set", set, "--force", "--reason", "fixed in the next version");

        var forced = (await store.GetAsync(set, draft, CancellationToken.None))!;
        Assert.Equal(RuleSetStatus.Published, forced.Status);
        Assert.Equal($"forced: fixed in the next version ({ThrewForSample})", forced.PublishNote);
        var list = await Lq.SucceedsAsync(data.Db.ConnectionString, "rules", "list", "--rule-set", set, "--lang", "en");
        Assert.Contains(forced.PublishNote!, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rollback_to_a_version_whose_rule_throws_goes_through_the_same_gate()
    {
        const string set = "gate-rollback";
        var ct = CancellationToken.None;
        var store = new RuleSetStore(data.Db.Database);
        var broken = await store.AddDraftAsync(set, RuleErrorFiles.Simple(throwing: true), Author, null, ct);
        await store.PublishAsync(set, broken.Version, Author, "first try", ct);
        var fixedVersion = await store.AddDraftAsync(set, RuleErrorFiles.Simple(throwing: false), Author, null, ct);
        await store.PublishAsync(set, fixedVersion.Version, Author, ct);

        var refused = await Assert.ThrowsAsync<RuleSetPublishRefusedException>(() => store.RollbackAsync(set, broken.Version, Author, ct));
        var stillInForce = (await store.GetPublishedAsync(set, ct))!.Version;
        var forced = await store.RollbackAsync(set, broken.Version, Author, "back to the first try", ct);

        Assert.Contains(ThrewForSample, refused.Message, StringComparison.Ordinal);
        Assert.Equal(fixedVersion.Version, stillInForce);
        Assert.Equal((RuleSetStatus.Published, $"forced: back to the first try ({ThrewForSample})"), (forced.Status, forced.PublishNote));
    }

    [Fact]
    public async Task Check_with_a_sample_reports_a_rule_that_throws_and_fails_though_the_offline_check_passes()
    {
        var file = await WriteAsync(RuleErrorFiles.Simple(throwing: true));

        var offline = await Lq.RunAsync(data.Db.ConnectionString, Lq.NewHome(), "rules", "check", file);
        var sampled = await Lq.RunAsync(data.Db.ConnectionString, Lq.NewHome(), "rules", "check", file, "--sample");

        Assert.True(offline.ExitCode == 0, offline.Describe(["rules", "check"]));
        Assert.True(sampled.ExitCode == 1, sampled.Describe(["rules", "check", "--sample"]));
        Assert.Contains($"quy tắc {RuleErrorFiles.RuleName} lỗi trên 2.000/2.000 thửa — {ThrewForSample}", sampled.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_with_a_sample_of_a_given_size_passes_a_file_whose_rules_do_not_throw()
    {
        var file = await WriteAsync(RuleErrorFiles.Simple(throwing: false));

        var sampled = await Lq.RunAsync(data.Db.ConnectionString, Lq.NewHome(), "rules", "check", file, "--sample", "500");

        Assert.True(sampled.ExitCode == 0, sampled.Describe(["rules", "check", "--sample", "500"]));
        Assert.Contains("no rule threw on 500 sampled parcels", sampled.Output, StringComparison.Ordinal);
    }

    static async Task<string> WriteAsync(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"lq-rule-errors-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
