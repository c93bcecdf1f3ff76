using LandQuality.Review.Cases;
using LandQuality.Review.Queue;

namespace LandQuality.Tests.Review.Cases;

public sealed class ReviewCaseTests
{
    static ReviewCase Case(CaseStatus status = CaseStatus.Open, string stage = "commune_review", int round = 1) =>
        ReviewCase.Restore(7, "19753-0000001", "19753", "campaign-2025", 1, stage, status, round, policeConfirmed: true, "system");

    [Fact]
    public void An_open_case_enters_the_stage_the_workflow_moved_it_to()
    {
        var c = Case();
        c.Enter("department_review", 1, policeConfirmed: false);
        Assert.Equal(("department_review", 1, false, CaseStatus.Open), (c.Stage, c.Round, c.PoliceConfirmed, c.Status));
    }

    [Fact]
    public void Closing_keeps_the_terminal_stage_and_records_when()
    {
        var c = Case();
        var now = DateTimeOffset.UtcNow;
        c.Enter("verified", 1, policeConfirmed: true);
        c.Close(CaseStatus.Verified, now);
        Assert.Equal(("verified", CaseStatus.Verified, (DateTimeOffset?)now), (c.Stage, c.Status, c.ClosedAt));
    }

    [Theory]
    [InlineData(CaseStatus.Verified)]
    [InlineData(CaseStatus.Parked)]
    public void A_closed_case_neither_moves_nor_closes_again(CaseStatus status)
    {
        var c = Case(status, stage: "closed_stage");
        Assert.Throws<ReviewException>(() => c.Enter("commune_review", 1, false));
        var again = Assert.Throws<ReviewException>(() => c.Close(CaseStatus.Verified, DateTimeOffset.UtcNow));
        Assert.Contains("only an open case moves", again.Message, StringComparison.Ordinal);
        Assert.Equal(("closed_stage", status), (c.Stage, c.Status));
    }

    [Fact]
    public void A_transition_never_takes_a_case_back_a_round()
    {
        var c = Case(round: 3);
        Assert.Throws<ReviewException>(() => c.Enter("commune_review", 2, false));
        Assert.Equal(3, c.Round);
    }

    [Fact]
    public void Closing_as_open_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Case().Close(CaseStatus.Open, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Reopening_brings_a_parked_case_to_the_first_stage_one_round_further_without_the_police_confirmation()
    {
        var c = Case(CaseStatus.Parked, stage: "disputed", round: 2);
        c.Reopen("commune_review");
        Assert.Equal(("commune_review", CaseStatus.Open, 3, false, (DateTimeOffset?)null), (c.Stage, c.Status, c.Round, c.PoliceConfirmed, c.ClosedAt));
    }

    [Theory]
    [InlineData(CaseStatus.Open)]
    [InlineData(CaseStatus.Verified)]
    public void Only_a_parked_case_is_reopened(CaseStatus status)
    {
        var refused = Assert.Throws<ReviewException>(() => Case(status).Reopen("commune_review"));
        Assert.Contains("only a parked case can be reopened", refused.Message, StringComparison.Ordinal);
    }
}
