using System.Text.Json;
using LandQuality.Rules;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Loading;
using RulesEngine.Models;

namespace LandQuality.Tests.Rules.Loading;

public class RuleSetFileTests
{
    static readonly ParcelFacts Parcel = new() { ParcelId = "P1", CommuneCode = "19774", AreaM2 = 120m, LegalAreaM2 = 120.4m };

    public static TheoryData<string> Fixtures => new()
    {
        "bom.json", "array.json", "key-case.json", "expression-type.json", "legacy-keys.json",
        "nested.json", "local-params.json", "global-params.json", "broken-expression.json", "differential.json",
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Every_fixture_loads_and_runs_in_RulesEngine(string fixture)
    {
        var workflows = RuleFiles.LoadFixture(fixture);
        // Counted first: RulesEngine appends injected rules to the workflow objects it runs.
        var expected = RuleSetWorkflows.Evaluated(workflows)
            .Select(w => (w.WorkflowName, RuleSetWorkflows.RulesOf(w, workflows).Count(r => r.Enabled)))
            .ToList();

        var engine = new RulesEngine.RulesEngine(workflows, RuleSettings.Create());
        foreach (var (name, count) in expected)
            Assert.Equal(count, (await engine.ExecuteAllRulesAsync(name, Parcel)).Count);
    }

    [Theory]
    [InlineData("bom.json")]
    [InlineData("array.json")]
    [InlineData("nested.json")]
    [InlineData("local-params.json")]
    [InlineData("global-params.json")]
    public void PascalCase_files_load_as_RulesEngines_own_deserialisation_loads_them(string fixture)
    {
        var text = File.ReadAllText(RuleFiles.Fixture(fixture));
        Workflow[] theirs = text.TrimStart().StartsWith('[')
            ? JsonSerializer.Deserialize<Workflow[]>(text)!
            : [JsonSerializer.Deserialize<Workflow>(text)!];

        Assert.Equal(JsonSerializer.Serialize(theirs), JsonSerializer.Serialize(RuleSetFile.Parse(text)));
    }

    [Fact]
    public void A_byte_order_mark_is_skipped_in_files_and_in_text()
    {
        Assert.Equal("bom", Assert.Single(RuleFiles.LoadFixture("bom.json")).WorkflowName);
        Assert.Equal("x", Assert.Single(RuleSetFile.Parse("\uFEFF{\"WorkflowName\":\"x\",\"Rules\":[]}")).WorkflowName);
    }

    [Fact]
    public void One_workflow_or_an_array_of_them()
    {
        Assert.Single(RuleFiles.LoadFixture("bom.json"));
        Assert.Equal(["first", "second"], RuleFiles.LoadFixture("array.json").Select(w => w.WorkflowName));
    }

    [Fact]
    public void Keys_match_in_any_letter_case_including_metadata_keys_and_values()
    {
        var rule = Assert.Single(Assert.Single(RuleFiles.LoadFixture("key-case.json")).Rules);

        Assert.Equal(("lower", "input1.AreaM2 > 0", "area $(input1.AreaM2)"), (rule.RuleName, rule.Expression, rule.ErrorMessage));
        var metadata = RuleMetadata.TryRead("key_case", rule);
        Assert.NotNull(metadata);
        Assert.Equal((Dimension.Sufficient, Severity.Warning, ReviewStage.Commune), (metadata.Dimension, metadata.Severity, metadata.Stage));
    }

    [Fact]
    public void The_expression_type_may_be_a_number_a_name_in_any_case_or_left_out()
    {
        var workflow = Assert.Single(RuleFiles.LoadFixture("expression-type.json"));
        Assert.Equal(RuleExpressionType.LambdaExpression, workflow.RuleExpressionType);
        Assert.All(workflow.Rules, r => Assert.Equal(RuleExpressionType.LambdaExpression, r.RuleExpressionType));
    }

    [Fact]
    public void Legacy_keys_comments_and_trailing_commas_are_accepted()
    {
        var rules = Assert.Single(RuleFiles.LoadFixture("legacy-keys.json")).Rules.ToList();
        Assert.Equal("10", rules[0].SuccessEvent);
        Assert.False(rules[1].Enabled);
    }

    [Fact]
    public void Nested_rules_local_params_and_global_params_keep_their_structure()
    {
        var nested = Assert.Single(RuleFiles.LoadFixture("nested.json")).Rules.First();
        Assert.Equal("AndAlso", nested.Operator);
        Assert.Equal("OrElse", nested.Rules.Last().Operator);
        Assert.Equal(2, nested.Rules.Last().Rules.Count());

        var local = Assert.Single(Assert.Single(RuleFiles.LoadFixture("local-params.json")).Rules);
        Assert.Equal(["measured", "legal", "diff"], local.LocalParams.Select(p => p.Name));

        var global = Assert.Single(RuleFiles.LoadFixture("global-params.json"));
        Assert.Equal(["ownerCount", "area"], global.GlobalParams.Select(p => p.Name));
    }

    [Fact]
    public void A_broken_expression_still_loads_the_checker_reports_it()
    {
        var workflow = Assert.Single(RuleFiles.LoadFixture("broken-expression.json"));
        Assert.Equal("input1.AreaM2 > > 1", workflow.Rules.First().Expression);
    }

    [Theory]
    [InlineData("{ \"WorkflowName\": \"x\", \"Rules\": [ { \"RuleName\": \"a\" ")]
    [InlineData("\"just a string\"")]
    [InlineData("{ \"WorkflowName\": \"x\", \"Rules\": [ { \"RuleName\": \"a\", \"RuleExpressionType\": \"Regex\" } ] }")]
    public void Text_that_is_not_a_workflow_file_throws_JsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => RuleSetFile.Parse(json));
}
