using LandQuality.Rules.Versions;
using Npgsql;

namespace LandQuality.IntegrationTests.Rules;

public sealed class RuleSetVersionTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    const string Author = "policy.staff";

    static string RuleSet(string expression, string name = "has_owner", string severity = "error") => $$"""
        { "WorkflowName": "t", "Rules": [ { "RuleName": "{{name}}", "Expression": "{{expression}}", "ErrorMessage": "no",
          "Properties": { "dimension": "sufficient", "severity": "{{severity}}", "stage": "commune", "message_vi": "không", "message_en": "no" } } ] }
        """;

    [Fact]
    public async Task The_default_rule_set_is_shipped_and_published_on_first_run()
    {
        var published = await new RuleSetStore(db.Database).GetPublishedAsync("default", CancellationToken.None);

        Assert.NotNull(published);
        Assert.Equal(RuleSetStatus.Published, published.Status);
        Assert.Equal(ShippedRuleSets.All.Last(s => s.RuleSet == "default").Content, published.Content);
    }

    [Fact]
    public async Task Publishing_retires_the_previous_version_and_rollback_adds_a_new_version()
    {
        var store = new RuleSetStore(db.Database);
        var v1 = await store.AddDraftAsync("pub", RuleSet("input1.Owners.Count > 0"), Author, "first", CancellationToken.None);
        await store.PublishAsync("pub", v1.Version, Author, CancellationToken.None);
        var v2 = await store.AddDraftAsync("pub", RuleSet("input1.Owners.Count > 1"), Author, "stricter", CancellationToken.None);
        await store.PublishAsync("pub", v2.Version, Author, CancellationToken.None);

        var rolledBack = await store.RollbackAsync("pub", v1.Version, Author, CancellationToken.None);

        var all = await store.ListAsync("pub", CancellationToken.None);
        Assert.Equal([RuleSetStatus.Retired, RuleSetStatus.Retired, RuleSetStatus.Published], all.Select(v => v.Status));
        Assert.Equal((3, v1.ContentHash, "rollback to v1"), (rolledBack.Version, rolledBack.ContentHash, rolledBack.ChangeNote));
    }

    [Fact]
    public async Task A_file_that_fails_its_check_is_not_stored_and_the_published_version_stays()
    {
        var store = new RuleSetStore(db.Database);
        var good = await store.AddDraftAsync("bad", RuleSet("input1.Owners.Count > 0"), Author, null, CancellationToken.None);
        await store.PublishAsync("bad", good.Version, Author, CancellationToken.None);

        var error = await Assert.ThrowsAsync<RuleSetRejectedException>(() =>
            store.AddDraftAsync("bad", RuleSet("input1.Owners.Count >"), Author, null, CancellationToken.None));

        Assert.Contains("has_owner", error.Message, StringComparison.Ordinal);
        Assert.Single(await store.ListAsync("bad", CancellationToken.None));
        Assert.Equal(good.Version, (await store.GetPublishedAsync("bad", CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task Stored_versions_cannot_be_rewritten_or_deleted()
    {
        var v = await new RuleSetStore(db.Database).AddDraftAsync("immutable", RuleSet("true"), Author, null, CancellationToken.None);

        await using var update = db.Database.DataSource.CreateCommand($"UPDATE rule_set_versions SET content = '[]' WHERE id = {v.Id}");
        var e1 = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        await using var delete = db.Database.DataSource.CreateCommand($"DELETE FROM rule_set_versions WHERE id = {v.Id}");
        var e2 = await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());

        Assert.Contains("immutable", e1.MessageText, StringComparison.Ordinal);
        Assert.Contains("never deleted", e2.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forced_publish_keeps_its_reason_and_the_reason_cannot_be_rewritten()
    {
        var store = new RuleSetStore(db.Database);
        var v = await store.AddDraftAsync("forced", RuleSet("input1.Owners.Count > 2"), Author, null, CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() => store.PublishAsync("forced", v.Version, Author, "  ", CancellationToken.None));
        var published = await store.PublishAsync("forced", v.Version, Author, "agreed with the department", CancellationToken.None);
        await using var update = db.Database.DataSource.CreateCommand($"UPDATE rule_set_versions SET publish_note = 'nothing happened' WHERE id = {v.Id}");
        var error = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());

        Assert.Equal("forced: agreed with the department", published.PublishNote);
        Assert.Contains("immutable", error.MessageText, StringComparison.Ordinal);
        Assert.Equal(published.PublishNote, (await store.GetAsync("forced", v.Version, CancellationToken.None))!.PublishNote);
    }

    [Fact]
    public async Task Adding_content_already_stored_returns_that_version_instead_of_a_copy()
    {
        var store = new RuleSetStore(db.Database);
        var a = await store.AddDraftAsync("same", RuleSet("true"), Author, null, CancellationToken.None);
        var b = await store.AddDraftAsync("same", RuleSet("true"), "someone.else", null, CancellationToken.None);

        Assert.Equal(a.Id, b.Id);
    }

    [Fact]
    public void The_diff_names_added_removed_and_changed_rules_and_what_changed()
    {
        var before = RuleSet("input1.Owners.Count > 0");
        var after = $$"""
            [ { "WorkflowName": "t", "Rules": [
              { "RuleName": "has_owner", "Expression": "input1.Owners.Count > 0", "ErrorMessage": "no",
                "Properties": { "dimension": "sufficient", "severity": "warning", "stage": "commune", "message_vi": "không", "message_en": "no" } },
              { "RuleName": "has_area", "Expression": "input1.AreaM2 != null", "ErrorMessage": "no",
                "Properties": { "dimension": "sufficient", "severity": "error", "stage": "commune", "message_vi": "không", "message_en": "no" } } ] } ]
            """;

        var diff = RuleSetDiff.Compare(before, after);

        Assert.Equal([(RuleChange.Added, "has_area"), (RuleChange.Changed, "has_owner")], diff.Select(d => (d.Change, d.RuleName)));
        Assert.Equal(["severity"], diff.Single(d => d.Change == RuleChange.Changed).ChangedParts);
        Assert.Equal([(RuleChange.Removed, "has_area")], RuleSetDiff.Compare(after, before).Where(d => d.Change != RuleChange.Changed).Select(d => (d.Change, d.RuleName)));
    }
}
