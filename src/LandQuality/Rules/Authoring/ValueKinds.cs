using System.Globalization;
using System.Text;

namespace LandQuality.Rules.Authoring;

/// <summary>How values of each kind are named to people and written into expressions.</summary>
public static class ValueKinds
{
    /// <summary>The name JSON gives an enum value (<c>text</c>, <c>older_than_years</c>).</summary>
    public static string Json<T>(this T value) where T : struct, Enum =>
        System.Text.Json.JsonSerializer.Serialize(value).Trim('"');

    public static string Vi(this ValueKind kind) => kind switch
    {
        ValueKind.Text => "văn bản", ValueKind.Number => "số", ValueKind.Date => "ngày",
        ValueKind.Boolean => "đúng/sai", _ => "danh sách",
    };

    public static string En(this ValueKind kind) => kind switch
    {
        ValueKind.Text => "text", ValueKind.Number => "number", ValueKind.Date => "date",
        ValueKind.Boolean => "yes/no", _ => "list",
    };

    /// <summary>
    /// <paramref name="value"/> as an expression literal of <paramref name="kind"/>, or null when it is not
    /// one (the caller says why). Numbers use a decimal point and no grouping; a fraction is written as a
    /// decimal (<c>0.05m</c>) because the view's amounts are decimals; dates are ISO (<c>2020-01-31</c>).
    /// </summary>
    public static string? Literal(ValueKind kind, string value, bool wholeNumber) => kind switch
    {
        ValueKind.Text => Quote(value),
        ValueKind.Number => decimal.TryParse(value.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
            ? n == decimal.Truncate(n) ? decimal.Truncate(n).ToString(CultureInfo.InvariantCulture)
              : wholeNumber ? null : n.ToString(CultureInfo.InvariantCulture) + "m"
            : null,
        ValueKind.Date => DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? string.Create(CultureInfo.InvariantCulture, $"DateOnly({d.Year}, {d.Month}, {d.Day})")
            : null,
        ValueKind.Boolean => value.Trim().ToLowerInvariant() switch { "true" or "có" or "đúng" => "true", "false" or "không" or "sai" => "false", _ => null },
        _ => null,
    };

    /// <summary>A string literal of Dynamic LINQ: backslash and quote escaped; control characters as escapes.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text.Normalize(NormalizationForm.FormC))
            sb.Append(c switch
            {
                '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\r' => "\\r", '\t' => "\\t",
                _ when char.IsControl(c) => "",
                _ => c.ToString(),
            });
        return sb.Append('"').ToString();
    }
}
