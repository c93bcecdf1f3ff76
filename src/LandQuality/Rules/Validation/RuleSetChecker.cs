using System.Text.Json;
using FluentValidation.Results;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Loading;
using RulesEngine.Exceptions;
using RulesEngine.Models;

namespace LandQuality.Rules.Validation;

/// <summary>
/// Checks a rule set before it is published: the structure RulesEngine needs, our metadata on every
/// top-level rule, and every expression (global params, local params, rules at any depth) compiled
/// against <see cref="Facts.ParcelFacts"/> exactly as evaluation compiles it. Returns every problem
/// found; a set with no <see cref="ProblemLevel.Error"/> is safe to publish. Within one rule,
/// compilation stops at a scoped param that does not parse, as RulesEngine's does.
/// </summary>
public static class RuleSetChecker
{
    public static List<RuleProblem> CheckFile(string path)
    {
        Workflow[] workflows;
        try
        {
            workflows = RuleSetFile.Read(path);
        }
        catch (JsonException ex)
        {
            return [new RuleProblem(ProblemLevel.Error, Path.GetFileName(path), null, $"not a RulesEngine workflow file: {ex.Message}")];
        }
        return Check(workflows);
    }

    public static List<RuleProblem> Check(IReadOnlyList<Workflow> workflows)
    {
        var problems = new List<RuleProblem>();
        if (workflows.Count == 0)
            problems.Add(new RuleProblem(ProblemLevel.Error, "(file)", null, "The file holds no workflow."));
        foreach (var name in workflows.Where(w => w is not null).GroupBy(w => w.WorkflowName).Where(g => g.Count() > 1).Select(g => g.Key))
            problems.Add(new RuleProblem(ProblemLevel.Error, name ?? "(unnamed)", null, "Two workflows have this name; RulesEngine refuses the second."));

        var structure = new RuleStructureValidator();
        var metadata = new RuleMetadataValidator();
        foreach (var workflow in workflows)
        {
            if (workflow is null)
            {
                problems.Add(new RuleProblem(ProblemLevel.Error, "(file)", null, "A workflow is null."));
                continue;
            }
            var label = string.IsNullOrEmpty(workflow.WorkflowName) ? "(unnamed)" : workflow.WorkflowName;
            Add(problems, label, null, new RuleSetWorkflowValidator(workflows).Validate(workflow));
            foreach (var rule in workflow.Rules?.Where(r => r is not null) ?? [])
            {
                Add(problems, label, rule.RuleName, metadata.Validate(rule));
                CheckTree(problems, structure, label, rule, rule.RuleName);
            }
        }

        var structurallyValid = !problems.Any(p => p.Level == ProblemLevel.Error);
        CompiledRuleSet.Compile(workflows, problems, requireMetadata: false);
        if (structurallyValid)
            AddRulesEngineVerdict(problems, workflows);
        return problems;
    }

    static void CheckTree(List<RuleProblem> problems, RuleStructureValidator structure, string workflow, Rule rule, string path)
    {
        Add(problems, workflow, path, structure.Validate(rule));
        foreach (var child in rule.Rules?.Where(c => c is not null) ?? [])
            CheckTree(problems, structure, workflow, child, $"{path} › {child.RuleName}");
    }

    static void Add(List<RuleProblem> problems, string workflow, string? path, ValidationResult result) =>
        problems.AddRange(result.Errors.Select(e => new RuleProblem(
            e.Severity == FluentValidation.Severity.Warning ? ProblemLevel.Warning : ProblemLevel.Error, workflow, path, e.ErrorMessage)));

    /// <summary>A last guard: whatever RulesEngine's own validation still refuses.</summary>
    static void AddRulesEngineVerdict(List<RuleProblem> problems, IReadOnlyList<Workflow> workflows)
    {
        try
        {
            _ = new RulesEngine.RulesEngine(workflows.ToArray(), RuleSettings.Create());
        }
        catch (RuleValidationException ex)
        {
            problems.Add(new RuleProblem(ProblemLevel.Error, "(file)", null, $"RulesEngine refuses the set: {ex.Message}"));
        }
    }
}
