namespace LandQuality.Review.Definitions;

public enum StageKind { Human, Automatic, Terminal }

/// <summary>The level of the office whose staff may take a human stage's task: the parcel's commune, or its province.</summary>
public enum Jurisdiction { Commune, Province }

/// <summary>How a case ends: verified (đúng – đủ – sạch – sống), or parked on purpose for later work.</summary>
public enum TerminalOutcome { Verified, Parked }

/// <summary>
/// One stage of a workflow. Which members apply depends on <see cref="Kind"/>: a human stage has a
/// role, jurisdiction, due time and decisions; an automatic stage an action and where it leads
/// (<see cref="Next"/>); a terminal stage an outcome. The validator reports members that do not fit.
/// </summary>
public sealed record StageDefinition
{
    public string Id { get; init; } = "";
    // Required by the parser: without a kind no other member can be judged.
    [System.Text.Json.Serialization.JsonRequired]
    public StageKind Kind { get; init; }
    public LocalizedText Name { get; init; } = new();

    public string? Role { get; init; }
    public Jurisdiction? Jurisdiction { get; init; }
    public int? DueDays { get; init; }
    /// <summary>Days past the due date after which the task is offered to <see cref="EscalateToRole"/>.</summary>
    public int? EscalateAfterDays { get; init; }
    public string? EscalateToRole { get; init; }
    public IReadOnlyList<DecisionDefinition> Decisions { get; init; } = [];

    /// <summary>What the platform does at an automatic stage (<c>reevaluate</c>) before routing on <see cref="Next"/>.</summary>
    public string? Action { get; init; }
    public Target? Next { get; init; }

    public TerminalOutcome? Outcome { get; init; }

    /// <summary>The platform re-evaluates the parcel's rules; a failed re-check starts a new round.</summary>
    public const string ReevaluateAction = "reevaluate";
    public static IReadOnlyList<string> KnownActions { get; } = [ReevaluateAction];

    public bool IsHuman => Kind == StageKind.Human;
    public bool IsAutomatic => Kind == StageKind.Automatic;
    public bool IsTerminal => Kind == StageKind.Terminal;

    /// <summary>When a task of this stage created at <paramref name="created"/> is due; null for stages without people.</summary>
    public DateTimeOffset? DueAt(DateTimeOffset created) => DueDays is { } days ? created.AddDays(days) : null;

    /// <summary>When an unfinished task goes to <see cref="EscalateToRole"/>; null when the stage does not escalate.</summary>
    public DateTimeOffset? EscalateAt(DateTimeOffset created) =>
        DueAt(created) is { } due && EscalateAfterDays is { } after && EscalateToRole is not null ? due.AddDays(after) : null;

    public DecisionDefinition? Decision(string id) => Decisions.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.Ordinal));
}

/// <summary>What a person may decide at a human stage, and where the case goes next.</summary>
public sealed record DecisionDefinition
{
    public string Id { get; init; } = "";
    public LocalizedText Label { get; init; } = new();
    public bool RequiresReason { get; init; }
    public bool AllowsCorrections { get; init; }
    public bool AllowsAttachments { get; init; }
    /// <summary>
    /// The police confirmed the identity findings in this round, so a later approval in the same
    /// round need not send the case to them again (guard <c>police_confirmed</c>).
    /// </summary>
    public bool ConfirmsPolice { get; init; }
    public Target? To { get; init; }
}

/// <summary>
/// Where a decision or an automatic stage leads: the first route whose guard holds. Written in
/// JSON as a stage id (one unguarded route) or as <c>[{ "when": "guard", "to": "stage" }, …, { "to": "fallback" }]</c>.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(TargetJsonConverter))]
public sealed record Target(IReadOnlyList<Route> Routes)
{
    /// <summary>The JSON gave a list rather than a plain stage id (problems then name the list item).</summary>
    public bool IsList { get; init; }
}

public sealed record Route(string? When, string To);
