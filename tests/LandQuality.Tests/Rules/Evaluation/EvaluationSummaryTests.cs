using LandQuality.Rules.Evaluation;
using Snapshooter.Xunit;

namespace LandQuality.Tests.Rules.Evaluation;

/// <summary>
/// How often each default rule fires on the pseudo-random parcels, kept as a snapshot: a change
/// to a rule, a helper or the generator shows up here as a reviewable diff of counts.
/// </summary>
public class EvaluationSummaryTests
{
    [Fact]
    public void Findings_per_default_rule_over_the_pseudo_random_parcels()
    {
        var rules = CompiledRuleSet.Compile(RuleFiles.LoadDefault());
        var findings = rules.Evaluate(RandomFacts.Generate(6000, seed: 20251201));

        var summary = rules.Rules.Select(rule => new
        {
            rule.RuleName,
            Dimension = rule.Dimension.ToString(),
            Severity = rule.Severity.ToString(),
            Findings = findings.Count(f => f.RuleName == rule.RuleName),
            RuleErrors = findings.Count(f => f.RuleName == rule.RuleName && f.IsRuleError),
        });

        Snapshot.Match(new
        {
            Parcels = 6000,
            ParcelsWithFindings = findings.Select(f => f.ParcelId).Distinct().Count(),
            Rules = summary,
        });
    }
}
