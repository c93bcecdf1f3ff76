using LandQuality.Review.Definitions;

namespace LandQuality.Review.Runtime;

/// <summary>
/// Moves one case one step. The caller reads the case's stage and builds its <see cref="ReviewContext"/>,
/// calls <see cref="Decide"/> (a person acted) or <see cref="ResolveAutomatic"/> (the platform did),
/// then stores what comes back. Nothing here touches a database or keeps state between calls.
/// </summary>
public static class WorkflowRuntime
{
    /// <summary>A person's decision at a human stage. Refused, with the allowed decisions, when it does not fit the stage.</summary>
    public static TransitionResult Decide(
        WorkflowDefinition definition, string stage, string decision, ReviewContext context,
        string? reason = null, bool hasCorrections = false, bool hasAttachments = false)
    {
        var current = definition.Stage(stage);
        if (current is null)
            return UnknownStage(definition, stage, decision);
        var allowed = current.Decisions.Select(d => d.Id).ToList();
        if (!current.IsHuman)
            return new TransitionRejected(TransitionError.NotAHumanStage, stage, decision, allowed, current.IsTerminal
                ? $"the case is closed at stage \"{stage}\"; no decision can be made"
                : $"stage \"{stage}\" is automatic: the platform resolves it (ResolveAutomatic), not a person");
        var chosen = current.Decision(decision);
        (TransitionError Error, string Message)? refusal = chosen switch
        {
            null => (TransitionError.UnknownDecision, $"\"{decision}\" is not a decision of stage \"{stage}\"; allowed: {string.Join(", ", allowed)}"),
            { RequiresReason: true } when string.IsNullOrWhiteSpace(reason) =>
                (TransitionError.ReasonRequired, $"decision \"{decision}\" at stage \"{stage}\" needs a reason"),
            { AllowsCorrections: false } when hasCorrections =>
                (TransitionError.CorrectionsNotAllowed, $"decision \"{decision}\" at stage \"{stage}\" does not take field corrections"),
            { AllowsAttachments: false } when hasAttachments =>
                (TransitionError.AttachmentsNotAllowed, $"decision \"{decision}\" at stage \"{stage}\" does not take attachments"),
            _ => null,
        };
        if (refusal is { } r)
            return new TransitionRejected(r.Error, stage, decision, allowed, r.Message);
        // Guards after a police confirmation already see it, so the same decision can route on it.
        var after = chosen!.ConfirmsPolice ? context with { PoliceConfirmed = true } : context;
        return Fire(definition, current, decision, after, after.Round, after.PoliceConfirmed);
    }

    /// <summary>
    /// Routes an automatic stage once its action is done, e.g. after re-evaluating the parcel with a
    /// context built from the new findings. A re-evaluation that sends the case back to people starts
    /// the next round: <see cref="Transitioned.Round"/> is one more and the police confirmation is cleared.
    /// </summary>
    public static TransitionResult ResolveAutomatic(WorkflowDefinition definition, string stage, ReviewContext context)
    {
        var current = definition.Stage(stage);
        if (current is null)
            return UnknownStage(definition, stage, null);
        if (current is not { IsAutomatic: true, Action: { } action })
            return new TransitionRejected(TransitionError.NotAnAutomaticStage, stage, null, current.Decisions.Select(d => d.Id).ToList(),
                $"stage \"{stage}\" is not automatic; {(current.IsHuman ? "it waits for a person's decision" : "the case is closed")}");
        var result = Fire(definition, current, action, context, context.Round, context.PoliceConfirmed);
        return result is Transitioned { Entered.IsTerminal: false } moved && action == StageDefinition.ReevaluateAction
            ? moved with { Round = context.Round + 1, PoliceConfirmed = false }
            : result;
    }

    public static IReadOnlyList<DecisionDefinition> AvailableDecisions(WorkflowDefinition definition, string stage) =>
        definition.Stage(stage)?.Decisions ?? [];

    public static bool IsTerminal(WorkflowDefinition definition, string stage) => definition.Stage(stage)?.IsTerminal ?? false;

    public static bool IsHuman(WorkflowDefinition definition, string stage) => definition.Stage(stage)?.IsHuman ?? false;

    public static bool IsAutomatic(WorkflowDefinition definition, string stage) => definition.Stage(stage)?.IsAutomatic ?? false;

    static TransitionResult Fire(WorkflowDefinition definition, StageDefinition current, string trigger, ReviewContext context, int round, bool policeConfirmed)
    {
        var state = current.Id;
        var machine = WorkflowMachine.Build(definition, () => state, s => state = s, () => context);
        IReadOnlyList<string>? unmet = null;
        machine.OnUnhandledTrigger((_, _, guards) => unmet = [.. guards ?? []]);
        machine.Fire(trigger);
        if (unmet is not null || definition.Stage(state) is not { } entered)
            return new TransitionRejected(TransitionError.NoRoute, current.Id, trigger, current.Decisions.Select(d => d.Id).ToList(),
                $"no route of \"{trigger}\" at stage \"{current.Id}\" applies (unmet: {string.Join(", ", unmet ?? [])}); the definition needs a fallback");
        return new Transitioned(current.Id, trigger, entered, round, policeConfirmed);
    }

    static TransitionRejected UnknownStage(WorkflowDefinition definition, string stage, string? decision) =>
        new(TransitionError.UnknownStage, stage, decision, [],
            $"\"{stage}\" is not a stage of workflow {definition.Id} version {definition.Version}");
}
