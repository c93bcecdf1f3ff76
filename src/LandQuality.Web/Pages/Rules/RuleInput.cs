using LandQuality.Rules.Authoring;
using LandQuality.Rules.Drafts;

namespace LandQuality.Web.Pages.Rules;

/// <summary>
/// The rule form of the draft page as the browser posts it: the metadata, and either conditions built on the form
/// (<see cref="ClauseInput"/> rows combined with all / any) or a raw expression. Kept as typed when the service
/// refuses it, so nothing the officer wrote is lost.
/// </summary>
public sealed class RuleInput
{
    public const string ConditionMode = "condition";
    public const string ExpressionMode = "expression";

    public string Name { get; set; } = "";
    public string Dimension { get; set; } = "correct";
    public string Severity { get; set; } = "warning";
    public string Stage { get; set; } = "commune";
    public string MessageVi { get; set; } = "";
    public string MessageEn { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public string Mode { get; set; } = ConditionMode;

    /// <summary>How the rows combine: "all" (the problem is that every row holds) or "any" (that at least one does).</summary>
    public string Combine { get; set; } = "all";

    public List<ClauseInput> Clauses { get; set; } = [new()];

    /// <summary>The rule's named thresholds; rows without a name are the form's blank ones.</summary>
    public List<ParameterInput> Parameters { get; set; } = [];

    public string? Expression { get; set; }

    /// <summary>The papers a citizen brings to settle the rule's finding (keys of <see cref="Documents.Notices.CitizenPapers"/>).</summary>
    public List<string> CitizenPapers { get; set; } = [];

    /// <summary>The draft's revision the form was filled on, so a change made meanwhile by another officer is refused, not overwritten.</summary>
    public uint? Revision { get; set; }

    /// <summary>The form the service checks; a misfit (unknown operator, missing field) is refused as the API refuses it.</summary>
    public RuleForm ToForm()
    {
        var parameters = Parameters.Where(p => !p.IsEmpty).Select(p => p.ToNamed()).ToList();
        return Mode == ExpressionMode
            ? new RuleForm(Dimension, Severity, Stage, MessageVi, MessageEn, Enabled, Expression: Expression ?? "", Parameters: parameters, CitizenPapers: CitizenPapers)
            : new RuleForm(Dimension, Severity, Stage, MessageVi, MessageEn, Enabled, Condition: ToCondition(), Parameters: parameters, CitizenPapers: CitizenPapers);
    }

    Condition ToCondition()
    {
        var rows = Clauses.Where(c => !c.IsBlank).ToList();
        if (rows.Count == 0)
            return (Clauses.FirstOrDefault() ?? new ClauseInput()).ToCondition(null); // refused with what the first row lacks
        if (rows.Count == 1)
            return rows[0].ToCondition(null);
        var numbered = Clauses.Select((c, i) => (Clause: c, Number: i + 1)).Where(x => !x.Clause.IsBlank);
        return new GroupCondition(Combine == "any" ? GroupMode.Any : GroupMode.All, numbered.Select(x => x.Clause.ToCondition(x.Number)).ToList());
    }

    /// <summary>
    /// The form of a stored rule. A condition the rows cannot show (groups inside groups, a quantifier over several
    /// conditions, a parameter written by hand) opens as its expression.
    /// </summary>
    public static RuleInput From(DraftRuleView rule, uint revision)
    {
        var input = new RuleInput
        {
            Name = rule.Name, Dimension = rule.Dimension ?? "correct", Severity = rule.Severity ?? "warning", Stage = rule.Stage ?? "commune",
            MessageVi = rule.MessageVi ?? "", MessageEn = rule.MessageEn ?? "", Enabled = rule.Enabled, Revision = revision,
            Mode = ExpressionMode, Expression = rule.Expression, CitizenPapers = rule.CitizenPapers.ToList(),
        };
        var parameters = rule.Parameters.Select(ParameterInput.From).ToList();
        if (parameters.Any(p => p is null))
            return input;
        input.Parameters = parameters.Select(p => p!).ToList();
        IReadOnlyList<Condition> conditions = rule.Condition switch { GroupCondition g => g.Conditions, { } one => [one], null => [] };
        var clauses = conditions.Select(ClauseInput.From).ToList();
        if (clauses.Count == 0 || clauses.Any(x => x is null))
            return input;
        input.Mode = ConditionMode;
        input.Combine = rule.Condition is GroupCondition { Mode: GroupMode.Any } ? "any" : "all";
        input.Clauses = clauses.Select(x => x!).ToList();
        return input;
    }

    public static IReadOnlyList<string> Dimensions { get; } = ["correct", "sufficient", "clean", "alive"];
    public static IReadOnlyList<string> Severities { get; } = ["error", "warning"];
    public static IReadOnlyList<string> Stages { get; } = ["commune", "department", "police"];
}
