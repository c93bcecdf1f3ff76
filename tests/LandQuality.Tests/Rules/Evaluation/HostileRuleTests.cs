using System.Linq.Expressions;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Validation;

namespace LandQuality.Tests.Rules.Evaluation;

/// <summary>
/// The hostile-rule corpus (Fixtures/hostile): rules that reach for reflection are refused by the
/// check and, stored anyway, run nothing; rules that run away are stopped on each parcel within the
/// budget and recorded as rule errors for that parcel, whatever layers the core is compiled with,
/// and the other rules of the parcel are judged as usual.
/// </summary>
public class HostileRuleTests
{
    static readonly ParcelFacts Parcel = new()
    {
        ParcelId = "p1", CommuneCode = "19753", Address = "12 Lê Lợi", AreaM2 = 120m,
        Owners = [new OwnerFacts { Seq = 1, FullName = "Nguyễn Văn An" }, new OwnerFacts { Seq = 2, FullName = "Trần Thị Bình" }],
    };

    static List<RuleProblem> Errors(string fixture) =>
        RuleSetChecker.Check(RuleFiles.LoadFixture(fixture)).Where(p => p.Level == ProblemLevel.Error).ToList();

    [Theory]
    [InlineData("install_path_in_local_param", "`GetType` is not allowed in a rule")]
    [InlineData("type_of_the_parcel", "`GetType` is not allowed in a rule")]
    [InlineData("type_inside_a_lambda", "`GetType` is not allowed in a rule")]
    [InlineData("nested_child_reflects › reflects", "`GetType` is not allowed in a rule")]
    // Dynamic LINQ itself finds no GetType for a list, nor a type named Type.
    [InlineData("type_of_a_list", "No generic method 'GetType'")]
    [InlineData("type_by_name", "Type 'Type' not found")]
    public void The_check_refuses_reflection_wherever_it_appears(string rule, string message)
    {
        var errors = Errors("hostile/reflection.json");

        Assert.Contains(errors, p => p.RulePath == rule && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_check_refuses_reflection_in_a_global_param()
    {
        var errors = Errors("hostile/reflection.json");

        Assert.Contains(errors, p => p.Workflow == "reflection_in_globals" && p.Message.Contains("`GetType` is not allowed in a rule", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(CoreLayers.All)]
    [InlineData(CoreLayers.None)]
    public void A_stored_reflecting_rule_runs_nothing_and_its_finding_holds_no_install_path(CoreLayers layers)
    {
        var set = CompiledRuleSet.Compile(RuleFiles.LoadFixture("hostile/reflection.json"), layers: layers);

        var findings = set.Evaluate(Parcel);

        Assert.Equal(set.Rules.Count, findings.Count);
        // A nested rule's child that does not compile counts as false, so its parent fails with its own message, as in RulesEngine.
        Assert.Equal("nested_child_reflects failed", findings.Single(f => f.RuleName == "nested_child_reflects").Message);
        Assert.All(findings, f =>
        {
            Assert.True(f.IsRuleError || f.RuleName == "nested_child_reflects", f.RuleName);
            Assert.DoesNotContain(Path.GetDirectoryName(typeof(ParcelFacts).Assembly.Location)!, f.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("System.Private.CoreLib", f.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Runaway_rules_pass_the_check_for_they_are_valid_expressions()
    {
        Assert.Empty(Errors("hostile/runaway.json"));
    }

    [Theory]
    [InlineData(CoreLayers.All)]
    [InlineData(CoreLayers.None)]
    [InlineData(CoreLayers.RuleScreen)]
    public void Each_runaway_rule_is_stopped_on_the_parcel_as_a_rule_error_and_the_ordinary_rule_still_passes(CoreLayers layers)
    {
        var set = CompiledRuleSet.Compile(RuleFiles.LoadFixture("hostile/runaway.json"), layers: layers);

        var findings = set.Evaluate(Parcel).ToDictionary(f => f.RuleName);

        Assert.DoesNotContain("ordinary", findings.Keys);
        foreach (var rule in new[] { "counts_to_int_max", "counts_without_a_lambda", "joins_a_huge_repeat", "many_per_owner", "nested_walks", "walks_a_lazy_local_param" })
        {
            Assert.True(findings[rule].IsRuleError, rule);
            Assert.Contains("the rule was stopped on this parcel: it walked more than 10,000 items", findings[rule].Message, StringComparison.Ordinal);
        }
        Assert.True(findings["grows_memory"].IsRuleError);
        Assert.Matches("stopped on this parcel: it (allocated more than|ran longer than)", findings["grows_memory"].Message);
        Assert.True(findings["always_throws"].IsRuleError);
        Assert.Contains("The input string 'x' was not in a correct format", findings["always_throws"].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_that_makes_a_short_sequence_gives_what_RulesEngine_gives()
    {
        var workflows = RuleFiles.LoadFixture("hostile/runaway.json");
        workflows[0].Rules = [.. workflows[0].Rules.Where(r => r.RuleName == "ordinary")];
        var rule = workflows[0].Rules.Single();
        rule.Expression = "input1.Owners.Select(o => o.FullName).Distinct().Count() == input1.Owners.Count && Enumerable.Range(1, 3).Sum() == 6";
        var set = CompiledRuleSet.Compile(workflows);
        var reference = new ReferenceEvaluator(workflows);
        var twins = Parcel with { Owners = [Parcel.Owners[0], Parcel.Owners[0] with { Seq = 2 }] };

        foreach (var parcel in new[] { Parcel, twins })
            Assert.Equal((await reference.EvaluateAsync(parcel)).Select(f => (f.RuleName, f.Message)), set.Evaluate(parcel).Select(f => (f.RuleName, f.Message)));
        Assert.Single(set.Evaluate(twins));
    }

    /// <summary>
    /// A scoped param's sequence is walked by each rule on each parcel; the count starts again with each
    /// expression, so short walks never add up to a budget overrun however many parcels one thread evaluates.
    /// </summary>
    [Fact]
    public void Short_walks_do_not_add_up_across_parcels()
    {
        var workflows = RuleFiles.LoadFixture("hostile/runaway.json");
        workflows[0].GlobalParams = [new RulesEngine.Models.ScopedParam { Name = "three", Expression = "Enumerable.Range(0, 3)" }];
        var rule = workflows[0].Rules.Single(r => r.RuleName == "ordinary");
        rule.Expression = "three.Count() == 3";
        workflows[0].Rules = [rule];
        var set = CompiledRuleSet.Compile(workflows);

        var findings = new List<Finding>();
        for (var i = 0; i < 100_000; i++)
            set.Evaluate(Parcel, findings);

        Assert.Empty(findings);
    }

    [Fact]
    public void Rules_that_would_change_the_facts_other_rules_read_do_not_parse_and_reading_a_copy_does()
    {
        var problems = RuleSetChecker.Check(RuleFiles.LoadFixture("hostile/mutation.json"));

        var refused = problems.Where(p => p.Level == ProblemLevel.Error).Select(p => p.RulePath).Order(StringComparer.Ordinal);
        Assert.Equal(["clears_a_list", "removes_owners_from_a_copy", "sets_a_fact"], refused);
    }

    /// <summary>Dynamic LINQ sends a list's methods to LINQ's and cannot use a setter's void; the allow-list refuses them anyway.</summary>
    [Fact]
    public void The_allow_list_refuses_changing_members_and_setters_even_where_the_parser_would_build_them()
    {
        var input = Expression.Parameter(typeof(ParcelFacts), "input1");
        var owners = Expression.Constant(new List<OwnerFacts>());
        var clear = Expression.Call(owners, typeof(List<OwnerFacts>).GetMethod(nameof(List<OwnerFacts>.Clear))!);
        var set = Expression.Call(input, typeof(ParcelFacts).GetProperty(nameof(ParcelFacts.AreaM2))!.SetMethod!,
            Expression.Constant(1m, typeof(decimal?)));
        var count = Expression.Property(owners, nameof(List<OwnerFacts>.Count));

        Assert.StartsWith("`List<…>.Clear` is not allowed", Assert.Throws<RuleNotAllowedException>(() => ExpressionAllowList.Check(clear)).Message, StringComparison.Ordinal);
        Assert.StartsWith("`ParcelFacts.set_AreaM2` is not allowed", Assert.Throws<RuleNotAllowedException>(() => ExpressionAllowList.Check(set)).Message, StringComparison.Ordinal);
        ExpressionAllowList.Check(count);
    }
}
