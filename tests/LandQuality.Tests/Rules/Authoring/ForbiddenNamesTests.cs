using LandQuality.Rules.Authoring;
using LandQuality.Rules.Validation;
using RulesEngine.Models;

namespace LandQuality.Tests.Rules.Authoring;

/// <summary>
/// Hostile expressions: the editor names the member it refuses, and — whatever the editor says — the checker
/// every stored version passes refuses each of them too, so a file cannot bring one in either.
/// </summary>
public class ForbiddenNamesTests
{
    public static TheoryData<string, string> Hostile() => new()
    {
        { "System.IO.File.ReadAllText(\"/etc/passwd\") != null", "System.IO.File.ReadAllText" },
        { "Activator.CreateInstance(\"x\", \"y\") != null", "Activator" },
        { "Environment.GetEnvironmentVariable(\"LQ_CONNECTION\") != null", "Environment" },
        { "Process.Start(\"sh\") != null", "Process" },
        { "Thread.Sleep(100000) == null", "Thread" },
        { "GC.Collect() == null", "GC" },
        { "AppDomain.CurrentDomain != null", "AppDomain" },
        { "input1.Owners.Any(o => Directory.Exists(o.FullName))", "Directory" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void The_editor_names_the_member(string expression, string member) =>
        Assert.Equal(member, ForbiddenNames.Find(expression)?.Name);

    [Theory]
    [MemberData(nameof(Hostile))]
    public void The_checker_refuses_it_whatever_the_editor_says(string expression, string member)
    {
        _ = member;
        var workflow = new Workflow
        {
            WorkflowName = "w",
            Rules = [new Rule
            {
                RuleName = "r", Expression = expression,
                Properties = new() { ["dimension"] = "correct", ["severity"] = "error", ["stage"] = "commune", ["message_vi"] = "v", ["message_en"] = "e" },
            }],
        };

        Assert.Contains(RuleSetChecker.Check([workflow]), p => p.Level == ProblemLevel.Error && p.RulePath == "r");
    }

    [Theory]
    [InlineData("input1.Address == \"System.IO.File\"")]
    [InlineData("input1.Owners.All(o => o.FullName != \"Process\")")]
    [InlineData("!string.IsNullOrWhiteSpace(input1.Address) && Texts.Matches(input1.Address, \"Thread\")")]
    public void Names_inside_string_literals_are_only_text(string expression) => Assert.Null(ForbiddenNames.Find(expression));
}
