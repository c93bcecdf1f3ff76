using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using LandQuality.Rules.Authoring;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Loading;
using LandQuality.Rules.Validation;
using LandQuality.Rules.Versions;
using RulesEngine.Models;

namespace LandQuality.Rules.Drafts;

/// <summary>
/// A draft's RulesEngine JSON, changed one rule at a time. Every change is checked as a whole set
/// (<see cref="RuleSetStore.Check"/>, the check publishing applies) before it is kept, so a draft never holds
/// a rule that does not compile.
/// </summary>
public static partial class DraftContent
{
    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write(IReadOnlyList<Workflow> workflows) =>
        workflows.Count == 1 ? JsonSerializer.Serialize(workflows[0], Options) : JsonSerializer.Serialize(workflows, Options);

    /// <summary>The content with <paramref name="name"/> built from <paramref name="form"/>, replacing the rule of that name or added to the first evaluated workflow.</summary>
    /// <exception cref="ConditionRefusedException">The form does not fit, or the rule does not compile or is refused.</exception>
    public static string PutRule(string content, string name, RuleForm form)
    {
        var workflows = RuleSetFile.Parse(content);
        var workflow = workflows.FirstOrDefault(w => w.Rules?.Any(r => r.RuleName == name) == true)
            ?? RuleSetWorkflows.Evaluated(workflows).First();
        if (form.Expression is { } raw && ForbiddenNames.Find(raw) is var (member, position))
            throw NotAllowed($"`{member}`", raw, position);
        var rule = RuleFormBuilder.Build(name, form, workflow);
        var rules = workflow.Rules?.ToList() ?? [];
        var at = rules.FindIndex(r => r.RuleName == name);
        if (at >= 0)
            rules[at] = rule;
        else
            rules.Add(rule);
        workflow.Rules = rules;
        var written = Write(workflows);
        var errors = RuleSetStore.Check(written).Where(p => p.Level == ProblemLevel.Error).ToList();
        if (errors.Count > 0)
        {
            var problem = errors.FirstOrDefault(p => p.RulePath == name || p.RulePath?.StartsWith(name + " ›", StringComparison.Ordinal) == true) ?? errors[0];
            if (NotAllowedMember().Match(problem.Message) is { Success: true } refused)
                throw NotAllowed(refused.Groups["what"].Value, problem.Expression ?? rule.Expression, problem.Position);
            throw new ConditionRefusedException(
                $"Quy tắc {name} không biên dịch được{(problem.Position is { } p ? $" (vị trí {p + 1})" : "")}: {problem.Message}",
                $"Rule {name} does not compile{(problem.Position is { } q ? $" (position {q + 1})" : "")}: {problem.Message}",
                problem.Expression ?? rule.Expression, problem.Position);
        }
        return written;
    }

    static ConditionRefusedException NotAllowed(string what, string? expression, int? position) => new(
        $"{what} không được dùng trong quy tắc: quy tắc chỉ dùng dữ liệu của thửa, các hàm hỗ trợ và giá trị thường (văn bản, số, ngày, danh sách, LINQ).",
        $"{what} is not allowed in a rule: rules may use the parcel's facts, the rule helpers and plain values (text, numbers, dates, lists, LINQ) only.",
        expression, position);

    /// <summary>The allow-list's refusal (<see cref="ExpressionAllowList"/>), for a message in both languages.</summary>
    [GeneratedRegex(@"^(?:.*: )?(?<what>.+?) is not allowed in a rule", RegexOptions.CultureInvariant)]
    private static partial Regex NotAllowedMember();

    /// <summary>The content without the top-level rule <paramref name="name"/>.</summary>
    /// <exception cref="RuleDraftNotFoundException">No top-level rule has that name.</exception>
    public static string DeleteRule(string content, string name)
    {
        var workflows = RuleSetFile.Parse(content);
        var workflow = workflows.FirstOrDefault(w => w.Rules?.Any(r => r.RuleName == name) == true)
            ?? throw new RuleDraftNotFoundException($"Bản nháp không có quy tắc {name}.", $"The draft has no rule {name}.");
        workflow.Rules = workflow.Rules.Where(r => r.RuleName != name).ToList();
        return Write(workflows);
    }
}
