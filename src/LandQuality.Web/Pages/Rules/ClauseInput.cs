using LandQuality.Rules.Authoring;

namespace LandQuality.Web.Pages.Rules;

/// <summary>
/// One condition of the rule form as the browser posts it: a field compared by an operator (with a value, a parameter or
/// another field; owner and purpose fields under "any/every owner", "any purpose"), or a domain check of the catalogue.
/// The form combines several with all / any (<see cref="RuleInput.Combine"/>).
/// </summary>
public sealed class ClauseInput
{
    public const string FieldKind = "field";
    public const string CheckKind = "check";

    public string Kind { get; set; } = FieldKind;
    public string? Field { get; set; }
    public string? Operator { get; set; }
    public string? Value { get; set; }
    public string? Upper { get; set; }
    public string? OtherField { get; set; }

    /// <summary>The rule's parameter the condition compares with, instead of a value (the lower bound for "between", the check's threshold).</summary>
    public string? Parameter { get; set; }
    public string? UpperParameter { get; set; }

    /// <summary>For an owner field or check: any_owner or every_owner (a purpose field is always "any purpose").</summary>
    public string Over { get; set; } = "any_owner";

    /// <summary>A domain check of the catalogue (<see cref="DomainChecks"/>), and whether the problem is that it holds or that it does not.</summary>
    public string? Check { get; set; }
    public bool CheckHolds { get; set; }

    /// <summary>A row left as the form offers it: no field, or no check, chosen. Blank rows are not part of the condition.</summary>
    public bool IsBlank => Kind == CheckKind ? string.IsNullOrWhiteSpace(Check) : string.IsNullOrWhiteSpace(Field);

    /// <param name="number">The row's number on the form (1-based) when there are several, so a refusal says which.</param>
    public Condition ToCondition(int? number)
    {
        try
        {
            return Kind == CheckKind ? ToCheck() : ToComparison();
        }
        catch (ConditionRefusedException refused) when (number is { } n)
        {
            throw new ConditionRefusedException($"Điều kiện {n}: {refused.Vi}", $"Condition {n}: {refused.En}", refused.Expression, refused.Position);
        }
    }

    Quantifier OwnerQuantifier => Over == "every_owner" ? Quantifier.EveryOwner : Quantifier.AnyOwner;

    Condition ToCheck()
    {
        var check = DomainChecks.All.FirstOrDefault(c => c.Name == Check)
            ?? throw new ConditionRefusedException("Chọn một phép kiểm tra trong danh mục.", "Choose a check from the catalogue.");
        var operand = check.Parameter is null ? null
            : !string.IsNullOrWhiteSpace(Parameter) ? new Operand(Parameter: Parameter.Trim()) : new Operand(Value: Value?.Trim() ?? "");
        Condition condition = new CheckCondition(check.Name, CheckHolds, operand);
        return check.Scope switch
        {
            FieldScope.Owner => new QuantifiedCondition(OwnerQuantifier, condition),
            FieldScope.Purpose => new QuantifiedCondition(Quantifier.AnyPurpose, condition),
            _ => condition,
        };
    }

    Condition ToComparison()
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
            condition = new QuantifiedCondition(OwnerQuantifier, condition);
        else if (About(ViewFields.PurposePrefix))
            condition = new QuantifiedCondition(Quantifier.AnyPurpose, condition);
        return condition;
    }

    /// <summary>The row showing a stored condition; null for one the rows cannot show (a group, or a quantifier over several conditions).</summary>
    public static ClauseInput? From(Condition condition)
    {
        var (over, inner) = condition is QuantifiedCondition q ? (q.Over.Json(), q.Condition) : (null, condition);
        var clause = new ClauseInput { Over = over == "every_owner" ? over : "any_owner" };
        switch (inner)
        {
            case CheckCondition c:
                clause.Kind = CheckKind;
                clause.Check = c.Check;
                clause.CheckHolds = c.Holds;
                clause.Value = c.Parameter?.Value;
                clause.Parameter = c.Parameter?.Parameter;
                return clause;
            case FieldCondition f when over is null || Mentions(f, over == "any_purpose" ? ViewFields.PurposePrefix : ViewFields.OwnerPrefix):
                clause.Field = f.Field;
                clause.Operator = f.Operator.Json();
                clause.Value = f.List is { } list ? string.Join(", ", list) : f.Operand?.Value;
                clause.OtherField = f.Operand?.Field;
                clause.Parameter = f.Operand?.Parameter;
                clause.Upper = f.Upper?.Value;
                clause.UpperParameter = f.Upper?.Parameter;
                return clause;
            default:
                return null;
        }
    }

    /// <summary>Whether the row would put the comparison back under its quantifier, which it does for a field of the row on either side.</summary>
    static bool Mentions(FieldCondition f, string prefix) =>
        f.Field.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || f.Operand?.Field?.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) == true;
}
