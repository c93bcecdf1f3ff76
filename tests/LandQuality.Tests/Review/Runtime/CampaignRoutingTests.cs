using LandQuality.Review.Definitions;
using LandQuality.Review.Runtime;
using LandQuality.Rules;

namespace LandQuality.Tests.Review.Runtime;

/// <summary>Cases walked through the default campaign workflow, the way the task queue will drive them.</summary>
public class CampaignRoutingTests
{
    static readonly WorkflowDefinition Campaign = WorkflowFiles.Default;
    static readonly ReviewContext Passing = ReviewContext.FromFindings([]);

    static ReviewContext Findings(params ReviewStage[] stages) => ReviewContext.FromFindings(stages);

    static Transitioned Decide(string stage, string decision, ReviewContext context, string? reason = null, bool corrections = false) =>
        Assert.IsType<Transitioned>(WorkflowRuntime.Decide(Campaign, stage, decision, context, reason, corrections, hasAttachments: corrections));

    static Transitioned Resolve(string stage, ReviewContext context) =>
        Assert.IsType<Transitioned>(WorkflowRuntime.ResolveAutomatic(Campaign, stage, context));

    [Fact]
    public void Case_with_only_sufficient_findings_is_verified_without_visiting_the_police()
    {
        var context = Findings(ReviewStage.Commune, ReviewStage.Department);

        var atDepartment = Decide("commune", "submit_corrections", context, corrections: true);
        var atReevaluate = Decide("department", "approve", context);
        var closed = Resolve("reevaluate", Passing);

        Assert.Equal(("department", NextStep.AwaitDecision), (atDepartment.To, atDepartment.Next));
        Assert.Equal(("reevaluate", NextStep.RunAutomatic, "reevaluate"), (atReevaluate.To, atReevaluate.Next, atReevaluate.AutomaticAction));
        Assert.Equal(("verified", NextStep.Closed, TerminalOutcome.Verified, 1), (closed.To, closed.Next, closed.Outcome, closed.Round));
    }

    [Fact]
    public void Case_with_identity_findings_goes_through_the_police_before_reevaluation()
    {
        var context = Findings(ReviewStage.Police, ReviewStage.Commune);

        var atPolice = Decide(Decide("commune", "submit_corrections", context, corrections: true).To, "approve", context);
        var confirmed = Decide(atPolice.To, "confirm", context);

        Assert.Equal("police", atPolice.To);
        Assert.Equal(("reevaluate", true), (confirmed.To, confirmed.PoliceConfirmed));
        Assert.Equal("verified", Resolve("reevaluate", Passing with { PoliceConfirmed = true }).To);
    }

    [Fact]
    public void Department_approval_skips_the_police_once_they_confirmed_this_round()
    {
        var context = Findings(ReviewStage.Police) with { PoliceConfirmed = true };

        Assert.Equal("reevaluate", Decide("department", "approve", context).To);
    }

    [Fact]
    public void Return_without_a_reason_is_refused_and_with_one_goes_back_to_the_commune()
    {
        var context = Findings(ReviewStage.Commune);

        var refused = Assert.IsType<TransitionRejected>(WorkflowRuntime.Decide(Campaign, "department", "return", context, reason: "  "));
        var returned = Decide("department", "return", context, reason: "Thiếu bản sao CCCD của chủ sử dụng");

        Assert.Equal((TransitionError.ReasonRequired, "department", "return"), (refused.Error, refused.Stage, refused.Decision));
        Assert.Equal(["approve", "return"], refused.AllowedDecisions);
        Assert.Equal("decision \"return\" at stage \"department\" needs a reason", refused.Message);
        Assert.Equal(("commune", NextStep.AwaitDecision, 1), (returned.To, returned.Next, returned.Round));
        Assert.Equal("commune", Decide("police", "return", Findings(ReviewStage.Police), reason: "Số CCCD không khớp CSDL quốc gia").To);
    }

    [Theory]
    [InlineData("needs_rebuild", "parked_rebuild")]
    [InlineData("disputed", "parked_disputed")]
    public void Parking_closes_the_case_as_parked_and_needs_a_reason(string decision, string parkedAt)
    {
        var context = Findings(ReviewStage.Commune);

        var refused = Assert.IsType<TransitionRejected>(WorkflowRuntime.Decide(Campaign, "commune", decision, context));
        var parked = Decide("commune", decision, context, reason: "Hai hộ cùng kê khai thửa đất");

        Assert.Equal(TransitionError.ReasonRequired, refused.Error);
        Assert.Equal((parkedAt, NextStep.Closed, TerminalOutcome.Parked), (parked.To, parked.Next, parked.Outcome));
    }

    [Fact]
    public void Failed_reevaluation_returns_to_the_commune_in_the_next_round_and_clears_the_police_confirmation()
    {
        var stillFailing = Findings(ReviewStage.Police) with { PoliceConfirmed = true, Round = 2 };

        var next = Resolve("reevaluate", stillFailing);

        Assert.Equal(("reevaluate", "commune", NextStep.AwaitDecision), (next.From, next.To, next.Next));
        Assert.Equal((3, false), (next.Round, next.PoliceConfirmed));
        // The next round's approval sends the still-open identity findings to the police again.
        Assert.Equal("police", Decide("department", "approve", stillFailing with { Round = next.Round, PoliceConfirmed = next.PoliceConfirmed }).To);
    }

    [Theory]
    [InlineData("commune", "approve", TransitionError.UnknownDecision,
        "\"approve\" is not a decision of stage \"commune\"; allowed: submit_corrections, needs_rebuild, disputed")]
    [InlineData("reevaluate", "approve", TransitionError.NotAHumanStage,
        "stage \"reevaluate\" is automatic: the platform resolves it (ResolveAutomatic), not a person")]
    [InlineData("verified", "return", TransitionError.NotAHumanStage, "the case is closed at stage \"verified\"; no decision can be made")]
    [InlineData("triage", "approve", TransitionError.UnknownStage, "\"triage\" is not a stage of workflow campaign-2025 version 1")]
    public void Invalid_decisions_come_back_as_errors_naming_the_stage(string stage, string decision, TransitionError error, string message)
    {
        var refused = Assert.IsType<TransitionRejected>(WorkflowRuntime.Decide(Campaign, stage, decision, Passing));

        Assert.Equal((error, stage, message), (refused.Error, refused.Stage, refused.Message));
    }

    [Fact]
    public void Corrections_are_refused_where_the_decision_takes_none()
    {
        var refused = Assert.IsType<TransitionRejected>(WorkflowRuntime.Decide(Campaign, "department", "approve", Passing, hasCorrections: true));

        Assert.Equal(TransitionError.CorrectionsNotAllowed, refused.Error);
    }

    [Fact]
    public void Resolving_a_human_stage_automatically_is_refused()
    {
        var refused = Assert.IsType<TransitionRejected>(WorkflowRuntime.ResolveAutomatic(Campaign, "commune", Passing));

        Assert.Equal((TransitionError.NotAnAutomaticStage, "stage \"commune\" is not automatic; it waits for a person's decision"),
            (refused.Error, refused.Message));
    }

    [Fact]
    public void Stage_queries_answer_from_the_definition()
    {
        Assert.Equal(["confirm", "return"], WorkflowRuntime.AvailableDecisions(Campaign, "police").Select(d => d.Id));
        Assert.Empty(WorkflowRuntime.AvailableDecisions(Campaign, "verified"));
        Assert.Equal((true, false, false), (WorkflowRuntime.IsHuman(Campaign, "commune"), WorkflowRuntime.IsTerminal(Campaign, "commune"), WorkflowRuntime.IsAutomatic(Campaign, "commune")));
        Assert.Equal((false, true), (WorkflowRuntime.IsHuman(Campaign, "parked_disputed"), WorkflowRuntime.IsTerminal(Campaign, "parked_disputed")));
        Assert.True(WorkflowRuntime.IsAutomatic(Campaign, "reevaluate"));
    }
}
