using LandQuality.Rules.Loading;
using LandQuality.Rules.Validation;

namespace LandQuality.Tests.Rules.Validation;

public class RuleSetCheckerTests
{
    static List<RuleProblem> CheckFixture(string name) => RuleSetChecker.CheckFile(RuleFiles.Fixture(name));

    static List<RuleProblem> Check(string json) => RuleSetChecker.Check(RuleSetFile.Parse(json));

    static RuleProblem Single(List<RuleProblem> problems, string rulePath) =>
        Assert.Single(problems, p => p.RulePath == rulePath && p.Level == ProblemLevel.Error);

    [Fact]
    public void The_default_rule_set_has_no_problem_at_all() =>
        Assert.Empty(RuleSetChecker.CheckFile(RuleFiles.DefaultRuleSetPath));

    [Theory]
    [InlineData("double_operator", 16, "Expression expected")]
    [InlineData("unknown_property", 7, "No property or field 'Area' exists in type 'ParcelFacts'")]
    [InlineData("not_boolean", 0, "Expression of type 'Boolean' expected")]
    [InlineData("parent › bad_child", 15, "No applicable method 'Nope' exists in type 'VietnameseName'")]
    [InlineData("bad_local", 14, "local param 'x': No property or field 'Cnt'")]
    public void A_broken_expression_is_reported_with_its_rule_and_position(string rulePath, int position, string message)
    {
        var problem = Single(CheckFixture("broken-expression.json"), rulePath);

        Assert.Equal("broken", problem.Workflow);
        Assert.Equal(position, problem.Position);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Contains($"broken › {rulePath} (position {position + 1})", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_broken_rules_are_reported()
    {
        var problems = CheckFixture("broken-expression.json");
        Assert.Equal(5, problems.Count);
        Assert.DoesNotContain(problems, p => p.RulePath is "fine_too" or "parent › fine");
    }

    [Theory]
    [InlineData("no_properties", "Properties.dimension is required")]
    [InlineData("no_properties", "Properties.message_en is required")]
    [InlineData("wrong_values", "Properties.dimension 'corect' is not one of correct, sufficient, clean, alive.")]
    [InlineData("wrong_values", "Properties.severity 'fatal' is not one of error, warning.")]
    [InlineData("wrong_values", "Properties.stage 'province' is not one of commune, department, police.")]
    [InlineData("wrong_values", "Properties.message_vi is required")]
    [InlineData("wrong_values", "Properties.message_en is required")]
    [InlineData("lower_case_operator", "Operator 'andAlso' must be written 'AndAlso'")]
    [InlineData("rules_without_operator", "Nested Rules need an Operator")]
    [InlineData(null, "repeated: dup.")]
    public void Metadata_and_structure_problems_name_the_rule(string? rulePath, string message) =>
        Assert.Contains(CheckFixture("bad-metadata.json"),
            p => p.Level == ProblemLevel.Error && p.RulePath == rulePath && p.Message.Contains(message, StringComparison.Ordinal));

    [Fact]
    public void A_placeholder_that_names_nothing_is_a_warning_not_an_error()
    {
        var problems = CheckFixture("bad-metadata.json").Where(p => p.RulePath == "placeholder").ToList();
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Equal(ProblemLevel.Warning, p.Level));
    }

    [Fact]
    public void Scoped_params_are_checked_at_workflow_and_rule_level()
    {
        var problems = CheckFixture("differential.json");
        Assert.Contains(problems, p => p.Workflow == "global_broken" && p.RulePath is null && p.Message.StartsWith("global param 'gb'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.RulePath == "broken_child_local › bad_local" && p.Message.StartsWith("local param 'y'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Expression": "true", "Actions": { "OnSuccess": { "Name": "OutputExpression" } }, "Properties": { "dimension": "clean", "severity": "warning", "stage": "commune", "message_vi": "a", "message_en": "b" } } ] }""", "Actions are not supported")]
    [InlineData("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Expression": "true", "LocalParams": [ { "Name": "input1", "Expression": "1" } ], "Properties": { "dimension": "clean", "severity": "warning", "stage": "commune", "message_vi": "a", "message_en": "b" } } ] }""", "cannot be named input1")]
    [InlineData("""{ "WorkflowName": "w", "WorkflowsToInject": [ "missing" ] }""", "WorkflowsToInject names 'missing'")]
    [InlineData("""[ { "WorkflowName": "a", "WorkflowsToInject": [ "b" ] }, { "WorkflowName": "b", "WorkflowsToInject": [ "a" ] } ]""", "makes a cycle")]
    [InlineData("""[ { "WorkflowName": "a", "Rules": [] }, { "WorkflowName": "a", "Rules": [] } ]""", "Two workflows have this name")]
    [InlineData("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "", "Expression": "true" } ] }""", "RuleName is required")]
    public void Structural_mistakes_are_errors(string json, string message) =>
        Assert.Contains(Check(json), p => p.Level == ProblemLevel.Error && p.Message.Contains(message, StringComparison.Ordinal));

    [Fact]
    public void Invalid_json_is_one_error_with_the_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lq-broken-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\n  \"WorkflowName\": \"w\",\n  \"Rules\": [ { \"RuleName\": \"r\", } \n");
        try
        {
            var problem = Assert.Single(RuleSetChecker.CheckFile(path));
            Assert.Equal(ProblemLevel.Error, problem.Level);
            Assert.Contains("LineNumber: 3", problem.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
