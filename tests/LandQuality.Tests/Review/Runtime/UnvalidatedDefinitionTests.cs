using LandQuality.Review.Definitions;
using LandQuality.Review.Runtime;

namespace LandQuality.Tests.Review.Runtime;

/// <summary>Definitions built in code skip the validator; the runtime still answers with values, not Stateless exceptions.</summary>
public class UnvalidatedDefinitionTests
{
    static readonly WorkflowDefinition NoFallback = new()
    {
        Id = "no-fallback",
        Version = 1,
        InitialStage = "check",
        Stages =
        [
            new() { Id = "check", Kind = StageKind.Automatic, Action = StageDefinition.ReevaluateAction,
                Next = new Target([new Route("passes_all_error_rules", "done")]) { IsList = true } },
            new() { Id = "done", Kind = StageKind.Terminal, Outcome = TerminalOutcome.Verified },
        ],
    };

    [Fact]
    public void Validator_refuses_it()
    {
        Assert.Contains(WorkflowValidator.Problems(NoFallback), p => p.Path == "stages[0].next[0]");
    }

    [Fact]
    public void A_route_list_without_fallback_gives_no_route_when_no_guard_holds()
    {
        var failing = ReviewContext.FromFindings([LandQuality.Rules.ReviewStage.Commune]);

        var refused = Assert.IsType<TransitionRejected>(WorkflowRuntime.ResolveAutomatic(NoFallback, "check", failing));

        Assert.Equal(TransitionError.NoRoute, refused.Error);
        Assert.Contains("passes_all_error_rules", refused.Message, StringComparison.Ordinal);
    }
}
