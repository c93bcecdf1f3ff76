using System.Text.Json;
using LandQuality.Rules.Facts;
using RulesEngine.Models;

namespace LandQuality.Rules.Evaluation;

/// <summary>
/// The obvious way to run a rule set: RulesEngine's <c>ExecuteAllRulesAsync</c> per parcel and
/// workflow, its result trees mapped to <see cref="Finding"/>s. It is the yardstick for
/// <see cref="CompiledRuleSet"/>: the differential test and the benchmark compare the two.
/// A finding is a top-level result with IsSuccess false; its message is the result's
/// ExceptionMessage (the formatted ErrorMessage or the exception text, stack-trace lines removed),
/// and it is a rule error when that message is one of RulesEngine's exception messages.
/// </summary>
public sealed class ReferenceEvaluator
{
    readonly RulesEngine.RulesEngine _engine;
    readonly (string Name, Dictionary<string, RuleMetadata> Rules)[] _workflows;

    public ReferenceEvaluator(IReadOnlyList<Workflow> workflows)
    {
        // RulesEngine appends injected rules to the Workflow objects it is given; let it have its own copies.
        _engine = new RulesEngine.RulesEngine(JsonSerializer.Deserialize<Workflow[]>(JsonSerializer.Serialize(workflows))!, RuleSettings.Create());
        _workflows = RuleSetWorkflows.Evaluated(workflows)
            .Select(w => (w.WorkflowName, RuleSetWorkflows.RulesOf(w, workflows)
                .Where(r => r.Enabled)
                .ToDictionary(r => r.RuleName, r => RuleMetadata.TryRead(w.WorkflowName, r)
                    ?? throw new ArgumentException($"Rule '{r.RuleName}' lacks valid metadata.", nameof(workflows)), StringComparer.Ordinal)))
            .ToArray();
    }

    public async Task<List<Finding>> EvaluateAsync(ParcelFacts facts, CancellationToken ct = default)
    {
        var findings = new List<Finding>();
        var input = new[] { new RuleParameter(RuleSettings.InputName, facts) };
        foreach (var (name, rules) in _workflows)
        {
            foreach (var result in await _engine.ExecuteAllRulesAsync(name, input, ct))
            {
                if (result.IsSuccess)
                    continue;
                var message = result.ExceptionMessage ?? "";
                var isError = RuleErrors.IsError(message);
                findings.Add(new Finding(facts.ParcelId, rules[result.Rule.RuleName], isError ? RuleErrors.Normalize(message) : message, isError));
            }
        }
        return findings;
    }
}
