using LandQuality.Rules.Facts;
using LandQuality.Rules.Validation;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;

namespace LandQuality.Rules.Evaluation;

/// <summary>One workflow's enabled top-level rules (its own, then those of the workflows it injects) and global params.</summary>
sealed class CompiledWorkflow
{
    readonly ScopedParams? _globals;
    readonly TopLevelRule[] _rules;
    readonly RuleScreen? _screen;

    CompiledWorkflow(ScopedParams? globals, TopLevelRule[] rules, RuleScreen? screen)
    {
        _globals = globals;
        _rules = rules;
        _screen = screen;
    }

    public IEnumerable<RuleMetadata> Rules => _rules.Select(r => r.Metadata);

    public static CompiledWorkflow Compile(RuleExpressionParser parser, CoreRewrites rewrites, Workflow workflow, IEnumerable<Rule> rules,
        ICollection<RuleProblem>? problems, bool requireMetadata)
    {
        var compiler = new RuleCompiler(parser, rewrites, workflow.WorkflowName, problems);
        ScopedParams? globals = null;
        string? globalsError = null;
        try
        {
            globals = ScopedParams.Compile(parser, rewrites, workflow.GlobalParams, workflow.RuleExpressionType, Scope.Input);
        }
        catch (ScopedParamCompileException ex)
        {
            compiler.Report(null, $"global param '{ex.Param.Name}': {ex.InnerException!.Message}", ex.Param.Expression, ex.InnerException);
            globalsError = ex.Message;
        }
        catch (InvalidOperationException ex)
        {
            compiler.Report(null, ex.Message, null, ex);
            globalsError = ex.Message;
        }
        var scope = globals?.Inner ?? Scope.Input;
        var compiled = rules.Where(r => r.Enabled).Select(rule =>
        {
            var metadata = RuleMetadata.TryRead(workflow.WorkflowName, rule)
                ?? (requireMetadata
                    ? throw new ArgumentException($"Rule '{rule.RuleName}' of workflow '{workflow.WorkflowName}' lacks valid metadata; check the rule set first.", nameof(workflow))
                    : Unchecked(workflow.WorkflowName, rule));
            var node = globalsError is null
                ? compiler.CompileTopLevel(rule, scope)
                : new FailedNode(rule.RuleName, scope, RuleErrors.WhileCompiling(rule.RuleName, globalsError));
            var template = new MessageTemplate(rule.ErrorMessage, node.Scope);
            foreach (var token in template.Unresolvable)
                problems?.Add(new RuleProblem(ProblemLevel.Warning, workflow.WorkflowName, rule.RuleName,
                    $"ErrorMessage placeholder {token} names nothing the rule sees; it will stay as written."));
            return new TopLevelRule(metadata, node, template,
                MessageTemplate.ForPeople(metadata.MessageVi, node.Scope), MessageTemplate.ForPeople(metadata.MessageEn, node.Scope));
        });
        var topLevel = compiled.ToArray();
        var screen = rewrites.Has(CoreLayers.RuleScreen) ? new RuleScreen(scope, topLevel.Select(r => r.Node).ToArray()) : null;
        return new CompiledWorkflow(globals, topLevel, screen);
    }

    /// <summary>Stands in for missing metadata while the checker compiles a rule it has already reported.</summary>
    static RuleMetadata Unchecked(string workflow, Rule rule) =>
        new(workflow, rule.RuleName, Dimension.Correct, Severity.Error, ReviewStage.Commune, "", "");

    public void Evaluate(ParcelFacts facts, List<Finding> findings)
    {
        object?[] frame = [facts];
        Exception? globalsFailure = null;
        if (_globals is not null)
        {
            try
            {
                frame = _globals.Extend(frame);
            }
            catch (Exception ex)
            {
                globalsFailure = ex;
            }
        }
        if (globalsFailure is not null)
        {
            foreach (var rule in _rules)
                findings.Add(new Finding(facts.ParcelId, rule.Metadata, RuleErrors.WhileExecutingGlobalParams(rule.Metadata.RuleName, globalsFailure), true));
            return;
        }
        if (_screen is null)
        {
            foreach (var rule in _rules)
                Add(facts, rule, rule.Node.Evaluate(frame), findings);
            return;
        }
        Span<ulong> failed = stackalloc ulong[_screen.Words];
        Exception?[]? errors = null;
        var screened = _screen.TryScreen(frame, failed, ref errors);
        for (var i = 0; i < _rules.Length; i++)
        {
            var rule = _rules[i];
            var bit = screened ? _screen.BitOf(i) : -1;
            if (bit < 0)
                Add(facts, rule, rule.Node.Evaluate(frame), findings);
            else if (RuleScreen.IsSet(failed, bit))
                Add(facts, rule, rule.Node.Failure(frame, errors?[bit]), findings);
        }
    }

    static void Add(ParcelFacts facts, TopLevelRule rule, Outcome outcome, List<Finding> findings)
    {
        if (outcome.IsSuccess)
            return;
        // RulesEngine formats the ErrorMessage only when the result carries no exception message.
        findings.Add(string.IsNullOrWhiteSpace(outcome.Error)
            ? new Finding(facts.ParcelId, rule.Metadata, rule.Template.Format(outcome.Frame), false)
            {
                MessageVi = rule.Vi?.Format(outcome.Frame, "(trống)")!, MessageEn = rule.En?.Format(outcome.Frame, "(empty)")!,
            }
            : new Finding(facts.ParcelId, rule.Metadata, outcome.Error, true));
    }

    /// <param name="Vi">The message for people when it has placeholders; null when it is the rule's text as written.</param>
    sealed record TopLevelRule(RuleMetadata Metadata, RuleNode Node, MessageTemplate Template, MessageTemplate? Vi, MessageTemplate? En);
}
