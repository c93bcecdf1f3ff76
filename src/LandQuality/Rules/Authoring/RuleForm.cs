using System.Globalization;
using System.Text.Json;
using LandQuality.Rules.Runs;
using RulesEngine.Models;

namespace LandQuality.Rules.Authoring;

/// <summary>
/// One rule as the editor's form holds it: the metadata every LandQuality rule carries, and either a
/// <see cref="Condition"/> built on the form or a raw RulesEngine <see cref="Expression"/> (the advanced box).
/// </summary>
/// <param name="Dimension">correct / sufficient / clean / alive, or đúng / đủ / sạch / sống.</param>
/// <param name="Severity">error or warning.</param>
/// <param name="Stage">commune, department or police: who fixes the finding.</param>
/// <param name="Parameters">Named thresholds the condition refers to, emitted as the rule's local params.</param>
/// <param name="CitizenPapers">The papers (keys of <see cref="Documents.Notices.CitizenPapers"/>) a citizen brings to settle a finding of the rule: what the citizen notices list.</param>
public sealed record RuleForm(
    string Dimension, string Severity, string Stage, string MessageVi, string MessageEn, bool Enabled = true,
    Condition? Condition = null, string? Expression = null, IReadOnlyList<NamedParameter>? Parameters = null,
    IReadOnlyList<string>? CitizenPapers = null);

/// <summary>
/// Turns a <see cref="RuleForm"/> into the RulesEngine rule stored in the rule-set JSON. Metadata goes into
/// <c>Properties</c> as <see cref="RuleMetadata"/> reads it; a form's condition is kept there too
/// (<see cref="ConditionKey"/>) so the editor can reopen it, and RulesEngine ignores it.
/// </summary>
public static class RuleFormBuilder
{
    public const string ConditionKey = "condition";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, AllowOutOfOrderMetadataProperties = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <exception cref="ConditionRefusedException">A field is missing or the condition does not fit together.</exception>
    public static Rule Build(string name, RuleForm form, Workflow workflow)
    {
        if (string.IsNullOrWhiteSpace(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            throw new ConditionRefusedException($"Tên quy tắc \"{name}\" chỉ được gồm chữ cái không dấu, chữ số, \"_\" và \"-\".",
                $"Rule name \"{name}\" may hold only ASCII letters, digits, \"_\" and \"-\".");
        var dimension = ParseDimension(form.Dimension);
        var severity = Parse<Severity>(form.Severity, "mức độ", "severity", "error, warning");
        var stage = Parse<ReviewStage>(form.Stage, "khâu xử lý", "review stage", "commune, department, police");
        if (string.IsNullOrWhiteSpace(form.MessageVi) || string.IsNullOrWhiteSpace(form.MessageEn))
            throw new ConditionRefusedException("Cần thông báo bằng tiếng Việt và tiếng Anh.", "Messages in Vietnamese and English are required.");
        var parameters = form.Parameters ?? [];
        var globals = GlobalKinds(workflow);
        var locals = parameters.Select(p => Local(p, globals)).ToList();
        if (locals.Select(l => l.Name).Distinct(StringComparer.Ordinal).Count() != locals.Count)
            throw new ConditionRefusedException("Hai tham số trùng tên.", "Two parameters have the same name.");
        var expression = (form.Condition, form.Expression) switch
        {
            ({ } condition, null) => ConditionExpression.Generate(condition, parameters, globals),
            (null, { } raw) when !string.IsNullOrWhiteSpace(raw) => raw.Trim(),
            _ => throw new ConditionRefusedException("Cần đúng một trong hai: điều kiện (condition) hoặc biểu thức (expression).",
                "Exactly one of condition and expression is needed."),
        };
        var properties = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [RuleMetadata.DimensionKey] = Names.Of(dimension),
            [RuleMetadata.SeverityKey] = Names.Of(severity),
            [RuleMetadata.StageKey] = Names.Of(stage),
            [RuleMetadata.MessageViKey] = form.MessageVi.Trim().Normalize(),
            [RuleMetadata.MessageEnKey] = form.MessageEn.Trim(),
        };
        if (form.Condition is not null)
            properties[ConditionKey] = JsonSerializer.Serialize(form.Condition, Json);
        var papers = (form.CitizenPapers ?? []).Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (papers.FirstOrDefault(p => !Documents.Notices.CitizenPapers.IsKnown(p)) is { } unknown)
            throw new ConditionRefusedException($"\"{unknown}\" không phải loại giấy tờ người dân mang đến.", $"\"{unknown}\" is not a paper citizens bring.");
        if (papers.Count > 0)
            properties[RuleMetadata.CitizenPapersKey] = string.Join(",", papers);
        return new Rule
        {
            RuleName = name, Expression = expression, ErrorMessage = form.MessageEn.Trim(), Enabled = form.Enabled,
            RuleExpressionType = RuleExpressionType.LambdaExpression, Properties = properties,
            LocalParams = locals.Count == 0 ? null : locals,
        };
    }

    /// <summary>The form a stored rule was built from, when it was built on the form (a hand-written file may hold anything there: then null).</summary>
    public static Condition? ConditionOf(Rule rule)
    {
        if (RuleMetadata.Text(rule, ConditionKey) is not { } json)
            return null;
        try
        {
            return JsonSerializer.Deserialize<Condition>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static ScopedParam Local(NamedParameter p, IReadOnlyDictionary<string, ValueKind> globals)
    {
        if (string.IsNullOrEmpty(p.Name) || !(char.IsAsciiLetter(p.Name[0]) || p.Name[0] == '_') || !p.Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            || p.Name is "input1" or "o" or "p")
            throw new ConditionRefusedException($"Tên tham số \"{p.Name}\" không dùng được (chữ cái không dấu, chữ số, \"_\"; không phải input1, o, p).",
                $"Parameter name \"{p.Name}\" cannot be used (ASCII letters, digits, \"_\"; not input1, o, p).");
        if (globals.ContainsKey(p.Name))
            throw new ConditionRefusedException($"Đã có tham số chung \"{p.Name}\" của bộ quy tắc.", $"The rule set already has a global parameter \"{p.Name}\".");
        var literal = p.Type == ValueKind.List ? null : ValueKinds.Literal(p.Type, p.Value, wholeNumber: false);
        return new ScopedParam
        {
            Name = p.Name,
            Expression = literal ?? throw new ConditionRefusedException($"Giá trị \"{p.Value}\" của tham số {p.Name} không phải {p.Type.Vi()}.",
                $"Value \"{p.Value}\" of parameter {p.Name} is not a {p.Type.En()}."),
        };
    }

    /// <summary>The kinds of the workflow's global params, read from their literal expressions; others cannot be named by the form.</summary>
    public static IReadOnlyDictionary<string, ValueKind> GlobalKinds(Workflow workflow) =>
        (workflow.GlobalParams ?? []).Where(g => g.Name is not null && KindOfLiteral(g.Expression) is not null)
            .ToDictionary(g => g.Name, g => KindOfLiteral(g.Expression)!.Value, StringComparer.Ordinal);

    static ValueKind? KindOfLiteral(string? expression) => expression?.Trim() switch
    {
        null or "" => null,
        "true" or "false" => ValueKind.Boolean,
        var s when s.StartsWith('"') => ValueKind.Text,
        var s when decimal.TryParse(s.TrimEnd('m', 'M'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _) => ValueKind.Number,
        _ => null,
    };

    static Dimension ParseDimension(string text) => text.Trim().ToLowerInvariant().Normalize() switch
    {
        "đúng" => Rules.Dimension.Correct,
        "đủ" => Rules.Dimension.Sufficient,
        "sạch" => Rules.Dimension.Clean,
        "sống" => Rules.Dimension.Alive,
        _ => Parse<Dimension>(text, "chiều", "dimension", "đúng/correct, đủ/sufficient, sạch/clean, sống/alive"),
    };

    static T Parse<T>(string text, string vi, string en, string allowed) where T : struct, Enum =>
        !text.Any(char.IsDigit) && Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new ConditionRefusedException($"Giá trị {vi} \"{text}\" không hợp lệ; chọn một trong: {allowed}.",
                $"{en} \"{text}\" is not valid; choose one of: {allowed}.");
}
