using System.Globalization;
using System.Text.RegularExpressions;
using LandQuality.Rules.Authoring;
using RulesEngine.Models;

namespace LandQuality.Web.Pages.Rules;

/// <summary>
/// One named threshold of a rule on the form (a number of years, a cut-off date), which the condition names
/// instead of a value, so policy staff change the threshold without touching the condition.
/// </summary>
public sealed partial class ParameterInput
{
    public string? Name { get; set; }
    public string Type { get; set; } = "number";
    public string? Value { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Name);

    public NamedParameter ToNamed() => new(Name!.Trim(),
        Enum.GetValues<ValueKind>().FirstOrDefault(k => k.Json() == Type, ValueKind.Text), Value?.Trim() ?? "");

    /// <summary>
    /// A stored local param as the form wrote it (<see cref="ValueKinds.Literal"/>): a quoted text, a number, a
    /// <c>DateOnly(y, m, d)</c>, true or false; anything else (written by hand in a file) is not a form's, so null.
    /// </summary>
    public static ParameterInput? From(ScopedParam param)
    {
        var text = param.Expression?.Trim() ?? "";
        if (DateLiteral().Match(text) is { Success: true } d)
            return new() { Name = param.Name, Type = "date", Value = string.Create(CultureInfo.InvariantCulture,
                $"{int.Parse(d.Groups[1].Value, CultureInfo.InvariantCulture):D4}-{int.Parse(d.Groups[2].Value, CultureInfo.InvariantCulture):D2}-{int.Parse(d.Groups[3].Value, CultureInfo.InvariantCulture):D2}") };
        if (text is "true" or "false")
            return new() { Name = param.Name, Type = "boolean", Value = text };
        if (decimal.TryParse(text.TrimEnd('m'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
            return new() { Name = param.Name, Type = "number", Value = n.ToString(CultureInfo.InvariantCulture) };
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"' && !text[1..^1].Contains('\\', StringComparison.Ordinal))
            return new() { Name = param.Name, Type = "text", Value = text[1..^1] };
        return null;
    }

    [GeneratedRegex(@"^DateOnly\((\d{1,4}),\s*(\d{1,2}),\s*(\d{1,2})\)$", RegexOptions.CultureInvariant)]
    private static partial Regex DateLiteral();
}
