using System.Collections.Concurrent;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Validation;
using RulesEngine.Models;

namespace LandQuality.Rules.Evaluation;

/// <summary>
/// A rule set compiled once (per published version) into delegates over <see cref="ParcelFacts"/>
/// by RulesEngine's own expression parser, evaluated without RulesEngine's per-call overhead but
/// with its semantics. "Identical" means: for every parcel, the findings equal those
/// <see cref="ReferenceEvaluator"/> maps from <c>ExecuteAllRulesAsync</c> (default
/// <see cref="RuleSettings"/>) — a finding for exactly the top-level results with IsSuccess false,
/// in workflow and rule order, with the same message and rule-error flag. So: a rule whose
/// expression or scoped params throw fails with RulesEngine's exception message (stack-trace lines
/// dropped) and <see cref="Finding.IsRuleError"/>; one that does not compile fails for every
/// parcel; a nested rule is judged on all its enabled children (a throwing child counts as false;
/// And/AndAlso need all, Or/OrElse one, none enabled fails) and fails as an ordinary finding with
/// its own ErrorMessage; disabled rules yield nothing; injected workflows run inside the workflow
/// that injects them only. Thread-safe; immutable.
/// </summary>
public sealed class CompiledRuleSet
{
    readonly CompiledWorkflow[] _workflows;

    CompiledRuleSet(CompiledWorkflow[] workflows)
    {
        _workflows = workflows;
        Rules = workflows.SelectMany(w => w.Rules).ToArray();
    }

    /// <summary>Every enabled top-level rule of the evaluated workflows, in evaluation order.</summary>
    public IReadOnlyList<RuleMetadata> Rules { get; }

    /// <summary>
    /// Compiles the rule set. Every top-level rule needs valid metadata (run <see cref="RuleSetChecker"/>
    /// first); an expression that does not compile does not stop compilation but fails its rule for
    /// every parcel, as in RulesEngine, and is reported to <paramref name="problems"/>.
    /// </summary>
    /// <param name="layers">The optional layers to compile with; the findings are the same with any of them.</param>
    public static CompiledRuleSet Compile(IReadOnlyList<Workflow> workflows, ICollection<RuleProblem>? problems = null, CoreLayers layers = CoreLayers.All) =>
        Compile(workflows, problems, requireMetadata: true, layers);

    /// <summary>Without <paramref name="requireMetadata"/> (the checker), skips what cannot be compiled instead of throwing.</summary>
    internal static CompiledRuleSet Compile(IReadOnlyList<Workflow> workflows, ICollection<RuleProblem>? problems, bool requireMetadata,
        CoreLayers layers = CoreLayers.All)
    {
        var parser = RuleSettings.CreateParser();
        var rewrites = new CoreRewrites(layers);
        var compiled = new List<CompiledWorkflow>();
        foreach (var workflow in RuleSetWorkflows.Evaluated(workflows.Where(w => w is not null).ToList()))
        {
            List<Rule> rules;
            try
            {
                rules = RuleSetWorkflows.RulesOf(workflow, workflows);
            }
            catch (InvalidOperationException) when (!requireMetadata)
            {
                continue; // a missing or cyclic injection; the checker reports it
            }
            compiled.Add(CompiledWorkflow.Compile(parser, rewrites, workflow, rules.Where(r => r is not null), problems, requireMetadata));
        }
        return new CompiledRuleSet(compiled.ToArray());
    }

    /// <summary>Adds the parcel's findings to <paramref name="findings"/>.</summary>
    public void Evaluate(ParcelFacts facts, List<Finding> findings)
    {
        foreach (var workflow in _workflows)
            workflow.Evaluate(facts, findings);
    }

    public List<Finding> Evaluate(ParcelFacts facts)
    {
        var findings = new List<Finding>();
        Evaluate(facts, findings);
        return findings;
    }

    /// <summary>
    /// Evaluates a batch in parallel; the findings come back in the batch's parcel order, so a
    /// run's output does not depend on scheduling.
    /// </summary>
    public List<Finding> Evaluate(IReadOnlyList<ParcelFacts> batch, int maxDegreeOfParallelism = -1, CancellationToken ct = default)
    {
        var chunks = new ConcurrentBag<(int Start, List<Finding> Findings)>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = ct };
        // Ranges rather than single parcels: a parcel takes microseconds, too little to schedule alone.
        var rangeSize = Math.Max(64, batch.Count / (Environment.ProcessorCount * 8));
        Parallel.ForEach(Partitioner.Create(0, batch.Count, rangeSize), options, range =>
        {
            var findings = new List<Finding>();
            for (var i = range.Item1; i < range.Item2; i++)
                Evaluate(batch[i], findings);
            chunks.Add((range.Item1, findings));
        });
        return chunks.OrderBy(c => c.Start).SelectMany(c => c.Findings).ToList();
    }
}
