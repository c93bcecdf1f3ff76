using LandQuality.Rules.Authoring;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Helpers;
using RulesEngine.Models;

namespace LandQuality.Tests.Rules.Authoring;

/// <summary>A pattern that backtracks without end is stopped after its timeout and reported as a rule error, never hanging the run.</summary>
public class PatternTimeoutTests
{
    [Fact]
    public void A_catastrophic_pattern_is_a_rule_error_for_the_parcel()
    {
        var workflow = new Workflow { WorkflowName = "w" };
        workflow.Rules = [RuleFormBuilder.Build("pattern", new RuleForm("sạch", "warning", "commune", "Mẫu.", "Pattern.",
            Condition: new FieldCondition("Address", ConditionOperator.Matches, new Operand(Value: "^(a+)+$"))), workflow)];
        var set = CompiledRuleSet.Compile([workflow]);
        var parcel = new ParcelFacts { ParcelId = "p", CommuneCode = "19753", Address = new string('a', 40) + "!" };

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var finding = Assert.Single(set.Evaluate(parcel));

        Assert.True(finding.IsRuleError, finding.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("CS 100120", "^[A-Z]{2} [0-9]{6}$", true)]
    [InlineData("cs 100120", "^[A-Z]{2} [0-9]{6}$", false)]
    [InlineData(null, ".*", false)]
    public void Matches_finds_the_pattern(string? text, string pattern, bool expected) => Assert.Equal(expected, Texts.Matches(text, pattern));
}
