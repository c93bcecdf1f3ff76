using LandQuality.Rules;
using LandQuality.Rules.Authoring;
using LandQuality.Rules.Drafts;
using LandQuality.Rules.Loading;
using LandQuality.Rules.Validation;
using LandQuality.Rules.Versions;

namespace LandQuality.Tests.Rules.Drafts;

/// <summary>A draft's content changed one rule at a time, always a set that passes the publish check.</summary>
public class DraftContentTests
{
    static readonly string Shipped = File.ReadAllText(RuleFiles.DefaultRuleSetPath);

    static RuleForm Form(Condition? condition = null, string? expression = null) =>
        new("sạch", "warning", "department", "Địa chỉ trống.", "The address is empty.", Condition: condition, Expression: expression);

    [Fact]
    public void A_new_rule_is_added_and_a_rule_of_the_same_name_replaced_in_place()
    {
        var added = DraftContent.PutRule(Shipped, "address_blank", Form(new FieldCondition("Address", ConditionOperator.Empty)));
        var replaced = DraftContent.PutRule(added, "missing_owner", Form(expression: "input1.Owners.Count >= 1"));

        var rules = RuleSetFile.Parse(replaced)[0].Rules.ToList();
        Assert.Equal("missing_owner", rules[0].RuleName);
        Assert.Equal("input1.Owners.Count >= 1", rules[0].Expression);
        Assert.Equal("address_blank", rules[^1].RuleName);
        Assert.Equal(RuleFile(Shipped).Count + 1, rules.Count);
        Assert.DoesNotContain(RuleSetStore.Check(replaced), p => p.Level == ProblemLevel.Error);
        Assert.Equal("clean", RuleMetadata.Text(rules[^1], RuleMetadata.DimensionKey));
    }

    static List<RulesEngine.Models.Rule> RuleFile(string content) => RuleSetFile.Parse(content)[0].Rules.ToList();

    [Fact]
    public void A_rule_that_does_not_compile_is_refused_with_its_position()
    {
        var e = Assert.Throws<ConditionRefusedException>(() => DraftContent.PutRule(Shipped, "broken", Form(expression: "input1.AreaM2 >")));

        Assert.StartsWith("Quy tắc broken không biên dịch được", e.Vi, StringComparison.Ordinal);
        Assert.StartsWith("Rule broken does not compile", e.En, StringComparison.Ordinal);
        Assert.NotNull(e.Position);
    }

    [Fact]
    public void Deleting_a_rule_that_is_not_there_is_not_found() =>
        Assert.Throws<RuleDraftNotFoundException>(() => DraftContent.DeleteRule(Shipped, "no_such_rule"));

    [Fact]
    public void The_global_params_stay_as_they_were() =>
        Assert.Equal(RuleSetFile.Parse(Shipped)[0].GlobalParams.Select(p => (p.Name, p.Expression)),
            RuleSetFile.Parse(DraftContent.DeleteRule(Shipped, "stale_record"))[0].GlobalParams.Select(p => (p.Name, p.Expression)));
}
