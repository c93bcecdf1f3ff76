using LandQuality.Rules.Versions;

namespace LandQuality.IntegrationTests.Cli;

/// <summary>
/// The <c>lq</c> command with its output piped (<c>lq rules list | grep …</c>): there is no terminal width,
/// and a table must not be wrapped at an assumed one, splitting a name or a note over lines.
/// </summary>
public sealed class PipedOutputTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_piped_table_keeps_each_row_on_one_line()
    {
        const string set = "piped";
        const string note = "Limits agreed with the provincial Department of Agriculture and Environment on 2025-11-20: a record is stale "
            + "after ten years, an owner implausibly old above 105";
        var store = new RuleSetStore(db.Database);
        var shipped = ShippedRuleSets.All.Where(s => s.RuleSet == "default").ToList();
        await store.AddDraftAsync(set, shipped[^2].Content, "policy.staff", note, CancellationToken.None);
        var v2 = await store.AddDraftAsync(set, shipped[^1].Content, "policy.staff", null, CancellationToken.None);
        await store.PublishAsync(set, v2.Version, "policy.staff", CancellationToken.None);

        var lines = (await Lq.SucceedsAsync(db.ConnectionString, "rules", "list", "--rule-set", set, "--lang", "en")).Split('\n');

        Assert.Contains(lines, l => l.Contains(note, StringComparison.Ordinal) && l.Contains("superseded", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("published", StringComparison.Ordinal) && l.Contains("policy.staff", StringComparison.Ordinal));
    }
}
