using System.Text.RegularExpressions;

namespace LandQuality.Rules.Authoring;

/// <summary>
/// Writes a form's <see cref="Condition"/> as a RulesEngine lambda expression, checking types on the way:
/// an operator must fit its field, and both sides of a comparison must be of one kind (a number is never
/// compared with a text). The expression is the condition negated, since a RulesEngine rule passes when its
/// expression is true and the condition describes the problem. It uses only the parcel view, the rule
/// helpers and plain operators, so it compiles with <c>RuleCompiler</c> and runs the same in RulesEngine.
/// </summary>
public sealed class ConditionExpression
{
    readonly Dictionary<string, NamedParameter> _parameters;
    readonly IReadOnlyDictionary<string, ValueKind> _globals;

    ConditionExpression(IReadOnlyList<NamedParameter> parameters, IReadOnlyDictionary<string, ValueKind> globals)
    {
        _parameters = parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        _globals = globals;
    }

    /// <param name="parameters">The rule's own named parameters (emitted as its local params).</param>
    /// <param name="globals">The rule set's global params a condition may name, with their kinds.</param>
    /// <exception cref="ConditionRefusedException">The condition does not fit together; the message says where.</exception>
    public static string Generate(Condition condition, IReadOnlyList<NamedParameter> parameters, IReadOnlyDictionary<string, ValueKind> globals) =>
        $"!({new ConditionExpression(parameters, globals).Emit(condition, null)})";

    string Emit(Condition condition, FieldScope? row) => condition switch
    {
        FieldCondition f => EmitField(f, row),
        CheckCondition c => EmitCheck(c, row),
        GroupCondition { Conditions.Count: 0 } => throw Refused("Nhóm điều kiện trống.", "The group has no condition."),
        GroupCondition g => "(" + string.Join(g.Mode == GroupMode.All ? " && " : " || ", g.Conditions.Select(c => Emit(c, row))) + ")",
        QuantifiedCondition q when row is not null => throw Refused(
            "Không lồng \"bất kỳ/mọi người\" hay \"bất kỳ mục đích\" vào trong nhau.", "\"any/every owner\" and \"any purpose\" cannot be nested."),
        QuantifiedCondition q => q.Over switch
        {
            Quantifier.AnyOwner => $"input1.Owners.Any(o => {Emit(q.Condition, FieldScope.Owner)})",
            Quantifier.EveryOwner => $"input1.Owners.All(o => {Emit(q.Condition, FieldScope.Owner)})",
            _ => $"input1.Purposes.Any(p => {Emit(q.Condition, FieldScope.Purpose)})",
        },
        _ => throw Refused("Loại điều kiện không rõ.", "Unknown kind of condition."),
    };

    string EmitCheck(CheckCondition c, FieldScope? row)
    {
        var check = DomainChecks.Find(c.Check) ?? throw Refused(
            $"Không có phép kiểm tra \"{c.Check}\"{Suggest(c.Check, DomainChecks.All.Select(x => x.Name))}.",
            $"There is no check \"{c.Check}\"{SuggestEn(c.Check, DomainChecks.All.Select(x => x.Name))}.");
        var variable = Variable(check.Scope, row, c.Check);
        string? parameter = null;
        if (check.Parameter is { } kind)
        {
            if (c.Parameter is null)
                throw Refused($"Phép kiểm tra {check.Name} cần một tham số ({kind.Vi()}).", $"Check {check.Name} needs a parameter ({kind.En()}).");
            parameter = Operand(c.Parameter, kind, check.WholeNumberParameter, check.Name, row);
        }
        else if (c.Parameter is not null)
            throw Refused($"Phép kiểm tra {check.Name} không có tham số.", $"Check {check.Name} takes no parameter.");
        var call = check.Emit(variable, parameter);
        return c.Holds ? call : $"!{call}";
    }

    string EmitField(FieldCondition f, FieldScope? row)
    {
        var (field, x) = Resolve(f.Field, row);
        var kind = field.Kind;
        var op = f.Operator;
        if (!Fits(field, op))
            throw Refused($"Phép \"{Names.Vi(op)}\" không dùng được cho trường {field.Path} ({kind.Vi()}{(field.Nullable ? "" : ", luôn có giá trị")}).",
                $"Operator \"{Names.En(op)}\" does not fit field {field.Path} ({kind.En()}{(field.Nullable ? "" : ", always has a value")}).");
        string Side(Operand? operand, string what) => operand is null
            ? throw Refused($"Phép \"{Names.Vi(op)}\" cần {what}.", $"Operator \"{Names.En(op)}\" needs {(what == "giá trị" ? "a value" : "an upper bound")}.")
            : Operand(operand, kind, field.WholeNumber, field.Path, row);
        return op switch
        {
            ConditionOperator.Empty => kind switch
            {
                ValueKind.Text => $"string.IsNullOrWhiteSpace({x})",
                ValueKind.List => $"{x}.Count == 0",
                _ => $"{x} == null",
            },
            ConditionOperator.NotEmpty => kind switch
            {
                ValueKind.Text => $"!string.IsNullOrWhiteSpace({x})",
                ValueKind.List => $"{x}.Count > 0",
                _ => $"{x} != null",
            },
            ConditionOperator.EqualTo => $"{x} == {Side(f.Operand, "giá trị")}",
            ConditionOperator.Differs => $"{x} != {Side(f.Operand, "giá trị")}",
            ConditionOperator.LessThan => $"{x} < {Side(f.Operand, "giá trị")}",
            ConditionOperator.GreaterThan => $"{x} > {Side(f.Operand, "giá trị")}",
            ConditionOperator.Between => $"({x} >= {Side(f.Operand, "giá trị")} && {x} <= {Side(f.Upper, "cận trên")})",
            ConditionOperator.Matches => $"Texts.Matches({x}, {Pattern(f.Operand, row)})",
            ConditionOperator.InList => InList(f, field, x),
            _ => $"{x} < input1.EvaluatedOn.AddYears(-{Years(f.Operand, field.Path, row)})",
        };
    }

    /// <summary>The years of <c>older_than_years</c>: a whole number or a parameter holding one, never a field (which may be empty).</summary>
    string Years(Operand? operand, string what, FieldScope? row)
    {
        if (operand is null || operand.Field is not null)
            throw Refused("\"cũ hơn N năm\" cần số năm: một số nguyên hoặc một tham số.", "\"older than N years\" needs the years: a whole number or a parameter.");
        var years = Operand(operand, ValueKind.Number, wholeNumber: true, what, row);
        return operand.Value is not null && years.StartsWith('-') ? $"({years})" : years;
    }

    /// <summary>The operators the form offers for <paramref name="field"/>.</summary>
    public static IEnumerable<ConditionOperator> OperatorsFor(ViewField field) => Enum.GetValues<ConditionOperator>().Where(op => Fits(field, op));

    static bool Fits(ViewField field, ConditionOperator op) => op switch
    {
        ConditionOperator.Empty or ConditionOperator.NotEmpty => field.Nullable || field.Kind is ValueKind.Text or ValueKind.List,
        ConditionOperator.EqualTo or ConditionOperator.Differs => field.Kind is not ValueKind.List,
        ConditionOperator.LessThan or ConditionOperator.GreaterThan or ConditionOperator.Between => field.Kind is ValueKind.Number or ValueKind.Date,
        ConditionOperator.Matches => field.Kind is ValueKind.Text,
        ConditionOperator.InList => field.Kind is ValueKind.Text or ValueKind.Number,
        _ => field.Kind is ValueKind.Date,
    };

    string InList(FieldCondition f, ViewField field, string x)
    {
        if (f.List is not { Count: > 0 } list)
            throw Refused("Danh sách giá trị trống.", "The list of values is empty.");
        return "(" + string.Join(" || ", list.Select(v => $"{x} == {Literal(v, field.Kind, field.WholeNumber, field.Path)}")) + ")";
    }

    string Pattern(Operand? operand, FieldScope? row)
    {
        if (operand?.Value is { } pattern)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException e)
            {
                throw Refused($"Mẫu \"{pattern}\" không hợp lệ: {e.Message}", $"Pattern \"{pattern}\" is not valid: {e.Message}");
            }
        }
        return Operand(operand ?? throw Refused("Cần một mẫu.", "A pattern is needed."), ValueKind.Text, false, "pattern", row);
    }

    /// <summary>One side of a comparison with <paramref name="what"/>, of <paramref name="kind"/>.</summary>
    string Operand(Operand operand, ValueKind kind, bool wholeNumber, string what, FieldScope? row)
    {
        var set = new[] { operand.Value, operand.Parameter, operand.Field }.Count(s => s is not null);
        if (set != 1)
            throw Refused($"{what}: cần đúng một trong value, parameter, field.", $"{what}: exactly one of value, parameter, field is needed.");
        if (operand.Value is { } value)
            return Literal(value, kind, wholeNumber, what);
        if (operand.Parameter is { } name)
        {
            var other = _parameters.TryGetValue(name, out var p) ? p.Type
                : _globals.TryGetValue(name, out var g) ? g
                : throw Refused($"Không có tham số \"{name}\"{Suggest(name, _parameters.Keys.Concat(_globals.Keys))}.",
                    $"There is no parameter \"{name}\"{SuggestEn(name, _parameters.Keys.Concat(_globals.Keys))}.");
            if (other != kind)
                throw Mismatch(what, kind, $"tham số {name}", $"parameter {name}", other);
            if (wholeNumber && p is not null && ValueKinds.Literal(kind, p.Value, wholeNumber: true) is null)
                throw Refused($"Tham số {name} phải là số nguyên ({p.Value}).", $"Parameter {name} must be a whole number ({p.Value}).");
            return name;
        }
        var (field, x) = Resolve(operand.Field!, row);
        if (field.Kind != kind)
            throw Mismatch(what, kind, $"trường {field.Path}", $"field {field.Path}", field.Kind);
        if (wholeNumber && !field.WholeNumber)
            throw Refused($"{what} cần số nguyên, {field.Path} có thể có phần lẻ.", $"{what} needs a whole number; {field.Path} may have a fraction.");
        return x;
    }

    static string Literal(string value, ValueKind kind, bool wholeNumber, string what) =>
        ValueKinds.Literal(kind, value, wholeNumber) ?? throw Refused(
            $"\"{value}\" không phải {(wholeNumber ? "số nguyên" : kind.Vi())} cho {what}{(kind == ValueKind.Date ? " (viết năm-tháng-ngày, ví dụ 2020-01-31)" : "")}.",
            $"\"{value}\" is not a {(wholeNumber ? "whole number" : kind.En())} for {what}{(kind == ValueKind.Date ? " (write year-month-day, e.g. 2020-01-31)" : "")}.");

    static ConditionRefusedException Mismatch(string what, ValueKind kind, string otherVi, string otherEn, ValueKind other) => Refused(
        $"Không so sánh được {what} ({kind.Vi()}) với {otherVi} ({other.Vi()}).",
        $"Cannot compare {what} ({kind.En()}) with {otherEn} ({other.En()}).");

    /// <summary>The field at <paramref name="path"/> and how the expression reaches it from where the condition stands.</summary>
    static (ViewField Field, string Expression) Resolve(string path, FieldScope? row)
    {
        var field = ViewFields.Find(path) ?? throw Refused(
            $"Không có trường \"{path}\"{Suggest(path, ViewFields.All.Select(f => f.Path))}.",
            $"There is no field \"{path}\"{SuggestEn(path, ViewFields.All.Select(f => f.Path))}.");
        return (field, $"{Variable(field.Scope, row, field.Path)}.{field.Member}");
    }

    static string Variable(FieldScope scope, FieldScope? row, string what) => scope switch
    {
        FieldScope.Parcel => "input1",
        FieldScope.Owner when row == FieldScope.Owner => "o",
        FieldScope.Purpose when row == FieldScope.Purpose => "p",
        FieldScope.Owner => throw Refused($"{what} nói về một người sử dụng đất: đặt nó trong \"bất kỳ người nào\" hoặc \"mọi người\".",
            $"{what} is about one right holder: put it inside \"any owner\" or \"every owner\"."),
        _ => throw Refused($"{what} nói về một mục đích sử dụng đất: đặt nó trong \"bất kỳ mục đích nào\".",
            $"{what} is about one land-use purpose: put it inside \"any purpose\"."),
    };

    static string Suggest(string name, IEnumerable<string> known) =>
        NameSuggestions.Nearest(name, known) is { } s ? $" (có phải `{s}`?)" : "";

    static string SuggestEn(string name, IEnumerable<string> known) =>
        NameSuggestions.Nearest(name, known) is { } s ? $" (did you mean `{s}`?)" : "";

    static ConditionRefusedException Refused(string vi, string en) => new(vi, en);

    /// <summary>The operators as the form names them.</summary>
    static class Names
    {
        public static string Vi(ConditionOperator op) => op switch
        {
            ConditionOperator.Empty => "trống", ConditionOperator.NotEmpty => "không trống", ConditionOperator.EqualTo => "bằng",
            ConditionOperator.Differs => "khác", ConditionOperator.LessThan => "nhỏ hơn", ConditionOperator.GreaterThan => "lớn hơn",
            ConditionOperator.Between => "trong khoảng", ConditionOperator.Matches => "khớp mẫu", ConditionOperator.InList => "thuộc danh sách",
            _ => "cũ hơn N năm",
        };

        public static string En(ConditionOperator op) => op switch
        {
            ConditionOperator.Empty => "empty", ConditionOperator.NotEmpty => "not empty", ConditionOperator.EqualTo => "equals",
            ConditionOperator.Differs => "differs", ConditionOperator.LessThan => "less than", ConditionOperator.GreaterThan => "greater than",
            ConditionOperator.Between => "between", ConditionOperator.Matches => "matches", ConditionOperator.InList => "in list",
            _ => "older than N years",
        };
    }
}
