using RulesEngine.Models;

namespace LandQuality.Rules.Evaluation;

/// <summary>Which workflows of a rule-set file are evaluated, and with which rules.</summary>
public static class RuleSetWorkflows
{
    /// <summary>
    /// The workflows no other workflow of the set injects (<c>WorkflowsToInject</c>), in file order:
    /// an injected workflow is a building block, and evaluating it on its own as well would report
    /// its findings twice.
    /// </summary>
    public static IEnumerable<Workflow> Evaluated(IReadOnlyList<Workflow> workflows)
    {
        var injected = workflows.SelectMany(w => w.WorkflowsToInject ?? []).ToHashSet(StringComparer.Ordinal);
        return workflows.Where(w => !injected.Contains(w.WorkflowName));
    }

    /// <summary>
    /// A workflow's rules as RulesEngine runs them: its own, then those of each injected workflow
    /// (recursively) in the listed order. Throws for an injected name the set lacks or a cycle,
    /// which <c>RuleSetChecker</c> reports beforehand.
    /// </summary>
    public static List<Rule> RulesOf(Workflow workflow, IReadOnlyList<Workflow> workflows) =>
        RulesOf(workflow, workflows, []);

    static List<Rule> RulesOf(Workflow workflow, IReadOnlyList<Workflow> workflows, HashSet<string> visiting)
    {
        if (!visiting.Add(workflow.WorkflowName))
            throw new InvalidOperationException($"Workflow '{workflow.WorkflowName}' injects itself through WorkflowsToInject.");
        var rules = workflow.Rules?.ToList() ?? [];
        foreach (var name in workflow.WorkflowsToInject ?? [])
        {
            var injected = workflows.FirstOrDefault(w => w.WorkflowName == name)
                ?? throw new InvalidOperationException($"Could not find injected Workflow: {name}");
            rules.AddRange(RulesOf(injected, workflows, visiting));
        }
        visiting.Remove(workflow.WorkflowName);
        return rules;
    }
}
