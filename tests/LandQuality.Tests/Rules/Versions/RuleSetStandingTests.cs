using LandQuality.Rules.Versions;

namespace LandQuality.Tests.Rules.Versions;

/// <summary>How <c>lq rules list</c> names a version: a draft a later version was published over is superseded, not a draft.</summary>
public class RuleSetStandingTests
{
    static readonly DateTimeOffset At = new(2025, 12, 1, 8, 0, 0, TimeSpan.Zero);

    static RuleSetVersion Version(int number, string ruleSet = "default") => new()
    {
        RuleSet = ruleSet, Version = number, Content = "[]", ContentHash = $"{number}", Author = "test",
    };

    static RuleSetVersion Published(int number, string ruleSet = "default")
    {
        var v = Version(number, ruleSet);
        v.Publish("test", At);
        return v;
    }

    static RuleSetVersion Retired(int number)
    {
        var v = Published(number);
        v.Retire(At);
        return v;
    }

    static RuleSetStanding[] Standings(params RuleSetVersion[] stored) => stored.Select(v => RuleSetStandings.Of(v, stored)).ToArray();

    [Fact]
    public void A_fresh_database_shows_the_older_shipped_versions_as_superseded() =>
        Assert.Equal([RuleSetStanding.Superseded, RuleSetStanding.Superseded, RuleSetStanding.Published],
            Standings(Version(1), Version(2), Published(3)));

    [Fact]
    public void A_draft_newer_than_the_published_version_is_a_draft() =>
        Assert.Equal([RuleSetStanding.Published, RuleSetStanding.Draft], Standings(Published(2), Version(3)));

    [Fact]
    public void A_draft_with_nothing_published_is_a_draft() =>
        Assert.Equal([RuleSetStanding.Draft, RuleSetStanding.Draft], Standings(Version(1), Version(2)));

    [Fact]
    public void A_version_published_and_replaced_is_retired() =>
        Assert.Equal([RuleSetStanding.Retired, RuleSetStanding.Published], Standings(Retired(2), Published(3)));

    [Fact]
    public void A_draft_passed_over_by_a_version_since_retired_is_still_superseded() =>
        Assert.Equal([RuleSetStanding.Retired, RuleSetStanding.Superseded, RuleSetStanding.Retired, RuleSetStanding.Published],
            Standings(Retired(1), Version(2), Retired(3), Published(4)));

    [Fact]
    public void Versions_of_another_rule_set_do_not_count() =>
        Assert.Equal([RuleSetStanding.Draft, RuleSetStanding.Published], Standings(Version(1), Published(2, "other")));

    [Theory]
    [InlineData(RuleSetStanding.Draft, "draft", "bản nháp")]
    [InlineData(RuleSetStanding.Published, "published", "đang áp dụng")]
    [InlineData(RuleSetStanding.Superseded, "superseded", "đã có bản mới hơn")]
    [InlineData(RuleSetStanding.Retired, "retired", "đã thôi áp dụng")]
    public void Every_standing_has_a_word_in_both_languages(RuleSetStanding standing, string en, string vi)
    {
        Assert.Equal(en, standing.Label("en"));
        Assert.Equal(vi, standing.Label("vi"));
    }
}
