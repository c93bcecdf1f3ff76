using LandQuality.Rules;
using LandQuality.Rules.Evaluation;

namespace LandQuality.Tests.Rules.DefaultRules;

/// <summary>Each shipped rule fails on its crafted parcel, stays quiet on the clean one, and both evaluators agree.</summary>
public class DefaultRuleSetTests
{
    static readonly CompiledRuleSet Rules = CompiledRuleSet.Compile(RuleFiles.LoadDefault());
    static readonly ReferenceEvaluator Reference = new(RuleFiles.LoadDefault());

    /// <summary>By index, with the case as a label: the facts themselves are not serialisable test data.</summary>
    public static TheoryData<int, string> Cases
    {
        get
        {
            var data = new TheoryData<int, string>();
            for (var i = 0; i < DefaultRuleCases.All.Count; i++)
                data.Add(i, DefaultRuleCases.All[i].ToString());
            return data;
        }
    }

    [Fact]
    public async Task The_clean_parcel_passes_every_rule()
    {
        Assert.Empty(Rules.Evaluate(DefaultRuleCases.Clean));
        Assert.Empty(await Reference.EvaluateAsync(DefaultRuleCases.Clean));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_crafted_parcel_fails_its_rule_and_no_other(int index, string label)
    {
        var @case = DefaultRuleCases.All[index];
        var findings = Rules.Evaluate(@case.Facts);

        Assert.Equal(label, @case.ToString());
        Assert.Equal([@case.Rule, .. @case.Also.Order(StringComparer.Ordinal)], findings.Select(f => f.RuleName).OrderBy(r => r != @case.Rule).ThenBy(r => r, StringComparer.Ordinal));
        Assert.DoesNotContain(findings, f => f.IsRuleError);
        Assert.Equal(await Reference.EvaluateAsync(@case.Facts), findings);
    }

    [Fact]
    public void Every_default_rule_has_a_case()
    {
        var covered = DefaultRuleCases.All.Select(c => c.Rule).ToHashSet();
        Assert.All(Rules.Rules, rule => Assert.Contains(rule.RuleName, covered));
    }

    [Fact]
    public void The_set_covers_all_four_dimensions_has_at_least_30_rules_and_sends_identity_to_the_police()
    {
        Assert.True(Rules.Rules.Count >= 30);
        Assert.Equal(Enum.GetValues<Dimension>().Order(), Rules.Rules.Select(r => r.Dimension).Distinct().Order());
        string[] identity = ["malformed_id_number", "owner_not_in_registry", "name_differs_from_registry", "birth_date_differs", "gender_differs", "deceased_owner"];
        Assert.All(identity, name => Assert.Equal(ReviewStage.Police, Rules.Rules.Single(r => r.RuleName == name).Stage));
        Assert.Equal(Severity.Warning, Rules.Rules.Single(r => r.RuleName == "unknown_id_province_code").Severity);
    }

    [Fact]
    public void Error_messages_carry_the_values()
    {
        var facts = DefaultRuleCases.Clean with { LegalAreaM2 = 150.5m };
        var finding = Assert.Single(Rules.Evaluate(facts));
        Assert.Equal("Measured 100.0 m², certificate 150.5 m².", finding.Message);
    }
}
