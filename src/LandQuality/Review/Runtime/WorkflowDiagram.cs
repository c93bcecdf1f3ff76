using System.Globalization;
using System.Text;
using LandQuality.Review.Definitions;

namespace LandQuality.Review.Runtime;

/// <summary>
/// A Mermaid state diagram of a definition, drawn from the Stateless machine the runtime fires
/// (<c>GetInfo()</c>), so the picture cannot drift from what runs. Stateless's own
/// <c>MermaidGraph.Format</c> does show guarded routes, but labels edges with decision ids and
/// stages with their ids and does not mark the ends; officers read the labels instead.
/// </summary>
public static class WorkflowDiagram
{
    public static string Mermaid(WorkflowDefinition definition, bool vietnamese = false)
    {
        var state = definition.InitialStage;
        var machine = WorkflowMachine.Build(definition, () => state, s => state = s,
            () => throw new InvalidOperationException("No guard runs while drawing."));
        var info = machine.GetInfo();
        string Text(LocalizedText t) => Escape(vietnamese ? t.Vi : t.En);

        var sb = new StringBuilder("stateDiagram-v2\n");
        foreach (var stage in definition.Stages)
            sb.Append(CultureInfo.InvariantCulture, $"    state \"{Text(stage.Name)}\" as {stage.Id}\n");
        sb.Append(CultureInfo.InvariantCulture, $"    [*] --> {info.InitialState.UnderlyingState}\n");
        foreach (var stage in definition.Stages)
        {
            var stateInfo = info.States.FirstOrDefault(s => Equals(s.UnderlyingState, stage.Id));
            foreach (var transition in stateInfo?.FixedTransitions ?? [])
            {
                var trigger = (string)transition.Trigger.UnderlyingTrigger;
                // An automatic stage's edges are told apart by their guards alone.
                var label = stage.Decision(trigger) is { } decision ? Text(decision.Label) : "";
                var guards = string.Join(", ", transition.GuardConditionsMethodDescriptions.Select(g => g.Description));
                label = guards.Length == 0 ? label : label.Length == 0 ? guards : $"{label} [{guards}]";
                sb.Append(CultureInfo.InvariantCulture, $"    {stage.Id} --> {transition.DestinationState.UnderlyingState} : {label}\n");
            }
            if (stage.IsTerminal)
                sb.Append(CultureInfo.InvariantCulture, $"    {stage.Id} --> [*]\n");
        }
        AppendClass(sb, "automaticStage", "stroke-dasharray:4 4", definition.Stages.Where(s => s.IsAutomatic));
        AppendClass(sb, "verifiedEnd", "fill:#d1fae5,stroke:#047857", definition.Stages.Where(s => s.Outcome == TerminalOutcome.Verified));
        AppendClass(sb, "parkedEnd", "fill:#fef3c7,stroke:#b45309", definition.Stages.Where(s => s.Outcome == TerminalOutcome.Parked));
        return sb.ToString();
    }

    static void AppendClass(StringBuilder sb, string name, string style, IEnumerable<StageDefinition> stages)
    {
        var ids = string.Join(",", stages.Select(s => s.Id));
        if (ids.Length > 0)
            sb.Append(CultureInfo.InvariantCulture, $"    classDef {name} {style}\n    class {ids} {name}\n");
    }

    // Quotes end a Mermaid state name and ';' ends a statement; both have entity forms.
    static string Escape(string text) => text.Replace("\"", "#quot;", StringComparison.Ordinal).Replace(";", "#59;", StringComparison.Ordinal);
}
