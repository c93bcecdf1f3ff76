using LandQuality.Rules.Drafts;

namespace LandQuality.Tests.Rules.Drafts;

/// <summary>The draft's states: edited while editing, submitted with a note, approved only by someone who had no hand in it.</summary>
public class RuleDraftTests
{
    static readonly DateTimeOffset At = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    static RuleDraft Draft()
    {
        var draft = new RuleDraft { RuleSet = "default", FromVersion = 3, Content = "{}", Author = "a" };
        draft.Edit("{}", "a", At);
        return draft;
    }

    [Theory]
    [InlineData("a")]
    [InlineData("editor")]
    [InlineData("submitter")]
    public void Nobody_who_wrote_changed_or_submitted_it_approves(string approver)
    {
        var draft = Draft();
        draft.Edit("{ }", "editor", At);
        draft.Submit("why", "submitter", At);

        Assert.Throws<RuleDraftFourEyesException>(() => draft.Approve(approver, 4, At));
        Assert.Equal(RuleDraftStatus.Submitted, draft.Status);
    }

    [Fact]
    public void A_second_officer_approves_and_the_draft_records_the_version()
    {
        var draft = Draft();
        draft.Submit("why", "a", At);

        draft.Approve("b", 4, At);

        Assert.Equal((RuleDraftStatus.Published, "b", 4), (draft.Status, draft.ApprovedBy, draft.ResultingVersion));
        Assert.Throws<RuleDraftStateException>(() => draft.Approve("c", 5, At));
    }

    [Fact]
    public void A_submitted_draft_is_not_edited_and_a_submission_needs_a_note()
    {
        var draft = Draft();
        Assert.Throws<RuleDraftStateException>(() => draft.Submit("  ", "a", At));
        draft.Submit("why", "a", At);

        var e = Assert.Throws<RuleDraftStateException>(() => draft.Edit("{}", "a", At));
        Assert.StartsWith("Bản nháp 0 đang ở trạng thái chờ duyệt", e.Message, StringComparison.Ordinal);
    }
}
