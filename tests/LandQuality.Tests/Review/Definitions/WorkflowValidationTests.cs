using LandQuality.Review.Definitions;

namespace LandQuality.Tests.Review.Definitions;

/// <summary>One fixture per problem: each is the small valid workflow of the other fixtures with one thing wrong.</summary>
public class WorkflowValidationTests
{
    [Theory]
    [InlineData("duplicate-stage-id.json", "stages[2].id", "\"commune\" is already the id of stages[0]")]
    [InlineData("duplicate-decision-id.json", "stages[0].decisions[1].id", "\"submit\" is already the id of decisions[0]")]
    [InlineData("unknown-initial-stage.json", "initialStage", "\"triage\" is not a stage of this workflow")]
    [InlineData("unknown-target.json", "stages[0].decisions[0].to", "\"departmnet\" is not a stage of this workflow (stages: commune, done)")]
    [InlineData("unknown-guard.json", "stages[0].decisions[0].to[0].when", "\"has_identity_findings\" is not a known guard: has_commune_findings,")]
    [InlineData("missing-fallback.json", "stages[0].decisions[0].to[1]", "the last route must be an unguarded fallback")]
    [InlineData("fallback-not-last.json", "stages[0].decisions[0].to[0]", "only the last route may be unguarded")]
    [InlineData("unreachable-stage.json", "stages[1]", "stage \"police\" cannot be reached from the initial stage \"commune\"")]
    [InlineData("cannot-end.json", "stages[2]", "stage \"loop\" cannot reach a terminal stage")]
    [InlineData("human-without-decisions.json", "stages[0].decisions", "a human stage needs at least one decision")]
    [InlineData("due-days-zero.json", "stages[0].dueDays", "must be 1 or more")]
    [InlineData("escalation-without-role.json", "stages[0].escalateToRole", "is required when escalateAfterDays is set")]
    [InlineData("escalation-to-same-role.json", "stages[0].escalateToRole", "must differ from role")]
    [InlineData("park-without-reason.json", "stages[0].decisions[1].requiresReason", "must be true: a decision that parks a case needs a reason")]
    [InlineData("terminal-with-decisions.json", "stages[1].decisions", "does not belong to a terminal stage")]
    [InlineData("unknown-action.json", "stages[1].action", "\"recheck\" is not an action the platform knows: reevaluate")]
    [InlineData("missing-english-label.json", "stages[0].decisions[0].label.en", "is required: the English text")]
    [InlineData("documents-due-after-campaign.json", "citizenDocumentsDue", "must fall between campaignStart and campaignEnd")]
    public void Fixture_reports_its_one_problem_at_its_path(string fixture, string path, string message)
    {
        var load = WorkflowFile.Read(WorkflowFiles.Fixture(fixture));

        Assert.Null(load.Definition);
        var problem = Assert.Single(load.Problems);
        Assert.Equal(path, problem.Path);
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
        Assert.Null(problem.Line);
    }

    [Fact]
    public void Human_stage_without_assignment_reports_role_jurisdiction_and_due_days()
    {
        var problems = WorkflowFile.Read(WorkflowFiles.Fixture("human-missing-assignment.json")).Problems;

        Assert.Equal(["stages[0].role", "stages[0].jurisdiction", "stages[0].dueDays"], problems.Select(p => p.Path));
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_not_just_the_first()
    {
        var problems = WorkflowFile.Read(WorkflowFiles.Fixture("several-problems.json")).Problems;

        Assert.Equal(
            ["version: must be 1 or more",
             "initialStage: \"triage\" is not a stage of this workflow",
             "stages[0].dueDays: must be 1 or more",
             "stages[0].decisions[0].to: \"nowhere\" is not a stage of this workflow (stages: commune, done)"],
            problems.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("broken-json.json", "$", 4, 3, "'\"' is invalid after a value")]
    [InlineData("bad-jurisdiction.json", "stages[0].jurisdiction", 18, 33, "must be one of: commune, province")]
    [InlineData("unknown-property.json", "stages[0].dueDay", 30, 16, "is not a known property here (misspelt?)")]
    public void Unreadable_json_is_a_problem_with_line_and_position_not_an_exception(string fixture, string path, long line, long position, string message)
    {
        var problem = Assert.Single(WorkflowFile.Read(WorkflowFiles.Fixture(fixture)).Problems);

        Assert.Equal((path, line, position), (problem.Path, problem.Line, problem.Position));
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "$", "the file is empty")]
    [InlineData("null", "$", "the file holds null")]
    [InlineData("[]", "$", "expected a workflow object")]
    [InlineData("""{ "stages": [ { "id": "x" } ] }""", "stages[0]", "\"kind\" is required: human, automatic or terminal")]
    [InlineData("""{ "stages": [ { "id": "x", "kind": "human", "name": null } ] }""", "stages[0].name", "must not be null")]
    [InlineData("""{ "initialStage": "a", "stages": [ { "id": "a", "kind": "human", "decisions": [ { "id": "d", "to": 3 } ] } ] }""", "stages[0].decisions[0].to", "expected a stage id")]
    public void Malformed_content_never_throws(string json, string path, string message)
    {
        var problem = WorkflowFile.Parse(json).Problems[0];

        Assert.Equal(path, problem.Path);
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bom_comments_trailing_commas_and_any_key_case_are_accepted()
    {
        var load = WorkflowFile.Read(WorkflowFiles.Fixture("bom-comments.json"));

        Assert.Empty(load.Problems);
        Assert.Equal(TerminalOutcome.Verified, load.Definition!.Stage("done")!.Outcome);
    }
}
