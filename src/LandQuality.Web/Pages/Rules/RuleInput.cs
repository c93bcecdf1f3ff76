using LandQuality.Rules.Authoring;
using LandQuality.Rules.Drafts;

namespace LandQuality.Web.Pages.Rules;

/// <summary>
/// The rule form of the draft page as the browser posts it: the metadata, and either a simple condition (one field,
/// an operator, a value or another field; owner and purpose fields under "any/every owner", "any purpose") or a raw
/// expression. Kept as typed when the service refuses it, so nothing the officer wrote is lost.
/// </summary>
public sealed class RuleInput
{
    public const string ConditionMode = "condition";
    public const string ExpressionMode = "expression";
    public const string CheckMode = "check";

    public string Name { get; set; } = "";
    public string Dimension { get; set; } = "correct";
    public string Severity { get; set; } = "warning";
    public string Stage { get; set; } = "commune";
    public string MessageVi { get; set; } = "";
    public string MessageEn { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public string Mode { get; set; } = ConditionMode;
    public string? Field { get; set; }
    public string? Operator { get; set; }
    public string? Value { get; set; }
    public string? Upper { get; set; }
    public string? OtherField { get; set; }

    /// <summary>The rule's parameter the condition compares with, instead of a value (the lower bound for "between").</summary>
    public string? Parameter { get; set; }
    public string? UpperParameter { get; set; }

    /// <summary>The rule's named thresholds; rows without a name are the form's blank ones.</summary>
    public List<ParameterInput> Parameters { get; set; } = [];

    /// <summary>For an owner field: any_owner or every_owner (a purpose field is always "any purpose").</summary>
    public string Over { get; set; } = "any_owner";
    public string? Expression { get; set; }

    /// <summary>A domain check of the catalogue (<see cref="DomainChecks"/>), and whether the problem is that it holds or that it does not.</summary>
    public string? Check { get; set; }
    public bool CheckHolds { get; set; }

    /// <summary>The draft's revision the form was filled on, so a change made meanwhile by another officer is refused, not overwritten.</summary>
    public uint? Revision { get; set; }

    /// <summary>The form the service checks; a misfit (unknown operator, missing field) is refused as the API refuses it.</summary>
    public RuleForm ToForm()
    {
        var parameters = Parameters.Where(p => !p.IsEmpty).Select(p => p.ToNamed()).ToList();
        return Mode == ExpressionMode
            ? new RuleForm(Dimension, Severity, Stage, MessageVi, MessageEn, Enabled, Expression: Expression ?? "", Parameters: parameters)
            : new RuleForm(Dimension, Severity, Stage, MessageVi, MessageEn, Enabled, Condition: Mode == CheckMode ? ToCheck() : ToCondition(), Parameters: parameters);
    }

    Condition ToCheck()
    {
        var check = DomainChecks.All.FirstOrDefault(c => c.Name == Check)
            ?? throw new ConditionRefusedException("Chọn một phép kiểm tra trong danh mục.", "Choose a check from the catalogue.");
        var operand = check.Parameter is null ? null
            : !string.IsNullOrWhiteSpace(Parameter) ? new Operand(Parameter: Parameter.Trim()) : new Operand(Value: Value?.Trim() ?? "");
        Condition condition = new CheckCondition(check.Name, CheckHolds, operand);
        return check.Scope switch
        {
            FieldScope.Owner => new QuantifiedCondition(Over == "every_owner" ? Quantifier.EveryOwner : Quantifier.AnyOwner, condition),
            FieldScope.Purpose => new QuantifiedCondition(Quantifier.AnyPurpose, condition),
            _ => condition,
        };
    }

    Condition ToCondition()
    {
        var field = Field?.Trim() ?? "";
        if (field.Length == 0)
            throw new ConditionRefusedException("Chọn một trường.", "Choose a field.");
        var op = Enum.GetValues<ConditionOperator>().FirstOrDefault(o => o.Json() == Operator, (ConditionOperator)(-1));
        if (!Enum.IsDefined(op))
            throw new ConditionRefusedException("Chọn một phép so sánh.", "Choose an operator.");
        Condition condition = new FieldCondition(field, op,
            Operand: op is ConditionOperator.Empty or ConditionOperator.NotEmpty or ConditionOperator.InList ? null
                : !string.IsNullOrWhiteSpace(OtherField) ? new Operand(Field: OtherField.Trim())
                : !string.IsNullOrWhiteSpace(Parameter) ? new Operand(Parameter: Parameter.Trim())
                : new Operand(Value: Value?.Trim() ?? ""),
            Upper: op != ConditionOperator.Between ? null
                : !string.IsNullOrWhiteSpace(UpperParameter) ? new Operand(Parameter: UpperParameter.Trim())
                : new Operand(Value: Upper?.Trim() ?? ""),
            List: op == ConditionOperator.InList ? (Value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null);
        // An owner's or a purpose's field, on either side, is about one row: the condition goes under its quantifier.
        bool About(string prefix) => field.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            || OtherField?.Trim().StartsWith(prefix, StringComparison.OrdinalIgnoreCase) == true;
        if (About(ViewFields.OwnerPrefix))
            condition = new QuantifiedCondition(Over == "every_owner" ? Quantifier.EveryOwner : Quantifier.AnyOwner, condition);
        else if (About(ViewFields.PurposePrefix))
            condition = new QuantifiedCondition(Quantifier.AnyPurpose, condition);
        return condition;
    }

    /// <summary>The form of a stored rule. A condition the simple form cannot show (groups, checks, parameters) opens as its expression.</summary>
    public static RuleInput From(DraftRuleView rule, uint revision)
    {
        var input = new RuleInput
        {
            Name = rule.Name, Dimension = rule.Dimension ?? "correct", Severity = rule.Severity ?? "warning", Stage = rule.Stage ?? "commune",
            MessageVi = rule.MessageVi ?? "", MessageEn = rule.MessageEn ?? "", Enabled = rule.Enabled, Revision = revision,
            Mode = ExpressionMode, Expression = rule.Expression,
        };
        var parameters = rule.Parameters.Select(ParameterInput.From).ToList();
        if (parameters.Any(p => p is null))
            return input; // a parameter written by hand: only the expression shows it as it is
        input.Parameters = parameters.Select(p => p!).ToList();
        var (over, inner) = rule.Condition is QuantifiedCondition q ? (q.Over.Json(), q.Condition) : (null, rule.Condition);
        if (inner is CheckCondition c)
        {
            input.Mode = CheckMode;
            input.Check = c.Check;
            input.CheckHolds = c.Holds;
            input.Value = c.Parameter?.Value;
            input.Parameter = c.Parameter?.Parameter;
            input.Over = over == "every_owner" ? over : "any_owner";
        }
        else if (inner is FieldCondition f)
        {
            input.Parameter = f.Operand?.Parameter;
            input.UpperParameter = f.Upper?.Parameter;
            input.Mode = ConditionMode;
            input.Field = f.Field;
            input.Operator = f.Operator.Json();
            input.Value = f.List is { } list ? string.Join(", ", list) : f.Operand?.Value;
            input.OtherField = f.Operand?.Field;
            input.Upper = f.Upper?.Value;
            input.Over = over == "every_owner" ? over : "any_owner";
        }
        return input;
    }

    public static IReadOnlyList<string> Dimensions { get; } = ["correct", "sufficient", "clean", "alive"];
    public static IReadOnlyList<string> Severities { get; } = ["error", "warning"];
    public static IReadOnlyList<string> Stages { get; } = ["commune", "department", "police"];
}
