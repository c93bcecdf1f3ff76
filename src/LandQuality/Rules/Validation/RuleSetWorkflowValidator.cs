using FluentValidation;
using LandQuality.Rules.Evaluation;
using RulesEngine.Models;

namespace LandQuality.Rules.Validation;

/// <summary>
/// The fields of one workflow (RulesEngine's name for a group of rules) in a rule-set file; its rules are checked one
/// by one by <see cref="RuleSetChecker"/>. Not to be confused with the review workflows of Review/Definitions.
/// </summary>
sealed class RuleSetWorkflowValidator : AbstractValidator<Workflow>
{
    public RuleSetWorkflowValidator(IReadOnlyList<Workflow> set)
    {
        RuleFor(w => w.WorkflowName).NotEmpty().WithMessage("WorkflowName is required.");
        RuleFor(w => w).Must(w => w.Rules?.Any() == true || w.WorkflowsToInject?.Any() == true).OverridePropertyName("Rules")
            .WithMessage("A workflow needs Rules or WorkflowsToInject.");
        RuleFor(w => w.RuleExpressionType).IsInEnum().WithMessage("RuleExpressionType must be LambdaExpression (or 0).");
        RuleForEach(w => w.Rules).NotNull().WithMessage("A rule is null.");
        RuleForEach(w => w.GlobalParams).SetValidator(new ScopedParamValidator("global param"));
        RuleFor(w => w.GlobalParams).Must(RuleStructureValidator.HaveDistinctNames!).When(w => w.GlobalParams is not null)
            .WithMessage("Global params need distinct names: RulesEngine silently drops a repeated one.");
        RuleForEach(w => w.WorkflowsToInject)
            .Must(name => set.Any(w => w.WorkflowName == name)).WithMessage((_, name) => $"WorkflowsToInject names '{name}', which is not in the file.");
        RuleFor(w => w).Must(w => !InjectsItself(w, set)).OverridePropertyName("WorkflowsToInject")
            .WithMessage("WorkflowsToInject makes a cycle back to this workflow.");
        RuleFor(w => w).Must(w => DuplicateRuleNames(w, set).Count == 0).OverridePropertyName("Rules")
            .WithMessage(w => $"Rule names must be unique in a workflow (its injected rules included); repeated: {string.Join(", ", DuplicateRuleNames(w, set))}.");
    }

    static bool InjectsItself(Workflow workflow, IReadOnlyList<Workflow> set)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(workflow.WorkflowsToInject ?? []);
        while (pending.TryPop(out var name))
        {
            if (name == workflow.WorkflowName)
                return true;
            if (seen.Add(name) && set.FirstOrDefault(w => w.WorkflowName == name) is { } next)
                foreach (var injected in next.WorkflowsToInject ?? [])
                    pending.Push(injected);
        }
        return false;
    }

    static List<string> DuplicateRuleNames(Workflow workflow, IReadOnlyList<Workflow> set)
    {
        List<Rule> rules;
        try
        {
            rules = RuleSetWorkflows.RulesOf(workflow, set);
        }
        catch (InvalidOperationException)
        {
            rules = workflow.Rules?.ToList() ?? []; // a missing or cyclic injection is reported on its own
        }
        return rules.Where(r => r is { Enabled: true })
            .GroupBy(r => r.RuleName, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToList();
    }
}
