using LandQuality.Review.Definitions;

namespace LandQuality.Review.Runtime;

/// <summary>What the caller does after a transition: open a task, run the automatic action, or close the case.</summary>
public enum NextStep { AwaitDecision, RunAutomatic, Closed }

/// <summary>The result of firing a decision or resolving an automatic stage: <see cref="Transitioned"/> or <see cref="TransitionRejected"/>.</summary>
public abstract record TransitionResult;

/// <summary>
/// The case moved from <see cref="From"/> into <see cref="Entered"/>. <see cref="Round"/> and
/// <see cref="PoliceConfirmed"/> are the values to store on the case row for the next <see cref="ReviewContext"/>.
/// </summary>
public sealed record Transitioned(string From, string Trigger, StageDefinition Entered, int Round, bool PoliceConfirmed) : TransitionResult
{
    public string To => Entered.Id;

    public NextStep Next => Entered.Kind switch
    {
        StageKind.Human => NextStep.AwaitDecision,
        StageKind.Automatic => NextStep.RunAutomatic,
        _ => NextStep.Closed,
    };

    /// <summary>For <see cref="NextStep.RunAutomatic"/>: what to do (<c>reevaluate</c>) before calling <see cref="WorkflowRuntime.ResolveAutomatic"/>.</summary>
    public string? AutomaticAction => Entered.IsAutomatic ? Entered.Action : null;

    /// <summary>For <see cref="NextStep.Closed"/>: verified, or parked on purpose.</summary>
    public TerminalOutcome? Outcome => Entered.Outcome;
}

public enum TransitionError
{
    UnknownStage,
    /// <summary>A decision fired at an automatic or terminal stage.</summary>
    NotAHumanStage,
    /// <summary><see cref="WorkflowRuntime.ResolveAutomatic"/> called at a human or terminal stage.</summary>
    NotAnAutomaticStage,
    UnknownDecision,
    ReasonRequired,
    CorrectionsNotAllowed,
    AttachmentsNotAllowed,
    /// <summary>No route's guard held; only possible with a definition that skipped validation.</summary>
    NoRoute,
}

/// <summary>The transition was refused and nothing changed; <see cref="Message"/> is fit to show the officer.</summary>
public sealed record TransitionRejected(
    TransitionError Error, string Stage, string? Decision, IReadOnlyList<string> AllowedDecisions, string Message) : TransitionResult;
