using LandQuality.Rules.Drafts;

namespace LandQuality.Tests.Rules.Drafts;

/// <summary>A draft opened to roll back stays marked as such; once a rule in it changes, it says it is no longer that version alone.</summary>
public class RollbackDraftViewTests
{
    static readonly RuleDraft Draft = new() { Id = 7, RuleSet = "default", FromVersion = 2, Content = File.ReadAllText(RuleFiles.DefaultRuleSetPath), Author = "a" };

    static DraftView View(params string[] actions) =>
        DraftView.Of(Draft, actions.Select((a, i) => new RuleDraftEvent { Id = i + 1, DraftId = 7, Action = a, Actor = "a", At = DateTimeOffset.UnixEpoch }));

    [Fact]
    public void A_rollback_untouched_restores_its_version()
    {
        var view = View("created", RuleDraftService.RollbackAction);

        Assert.Equal((2, false), (view.RestoresVersion, view.EditedSinceRollback));
    }

    [Theory]
    [InlineData(RuleDraftService.RulePutAction)]
    [InlineData(RuleDraftService.RuleDeletedAction)]
    public void A_rule_changed_after_the_rollback_marks_the_draft_edited(string change)
    {
        var view = View("created", RuleDraftService.RollbackAction, "previewed", change);

        Assert.Equal((2, true), (view.RestoresVersion, view.EditedSinceRollback));
    }

    [Fact]
    public void An_ordinary_draft_restores_nothing_however_edited()
    {
        var view = View("created", RuleDraftService.RulePutAction);

        Assert.Equal((null, false), (view.RestoresVersion, view.EditedSinceRollback));
    }
}
