using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace LandQuality.Interchange;

/// <summary>
/// Strict parsers for the interchange format's field types. Each returns false with a reason a
/// person can act on; an empty field is always "missing" (null), never an error.
/// </summary>
public static class FieldParsers
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string? Text(string field) => field.Length == 0 || string.IsNullOrWhiteSpace(field) ? null : field.Trim();

    /// <summary>The longest parcel id accepted; the national form (commune code, dash, seven digits) has 13 characters.</summary>
    public const int MaxParcelIdLength = 40;

    /// <summary>
    /// A parcel id: ASCII letters and digits, with '-', '_', '.' or '/' between them. Nothing else, because the id
    /// travels into file names, URLs, CSV exports opened in spreadsheets (where <c>=HYPERLINK(…)</c> would run) and
    /// log lines; real ids are codes, never prose.
    /// </summary>
    public static bool TryParcelId(string field, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? reason)
    {
        value = null;
        if (Text(field) is not { } text)
        {
            reason = "parcel_id is empty";
            return false;
        }
        if (text.Length > MaxParcelIdLength)
        {
            reason = $"parcel_id is longer than {MaxParcelIdLength} characters";
            return false;
        }
        if (!IsPlainId(text))
        {
            reason = $"parcel_id '{text}' is not a plain identifier: use letters A–Z, digits and '-', '_', '.', '/' between them";
            return false;
        }
        (value, reason) = (text, null);
        return true;
    }

    static bool IsPlainId(string text)
    {
        if (!char.IsAsciiLetterOrDigit(text[0]) || !char.IsAsciiLetterOrDigit(text[^1]))
            return false;
        foreach (var c in text)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or '/'))
                return false;
        return true;
    }

    public static bool TryDecimal(string field, out decimal? value, out string? reason)
    {
        value = null;
        reason = null;
        if (Text(field) is not { } text)
            return true;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Invariant, out var d))
        {
            reason = $"'{text}' is not a number (use digits and a '.' decimal point)";
            return false;
        }
        if (d < 0)
        {
            reason = $"'{text}' is negative";
            return false;
        }
        value = d;
        return true;
    }

    public static bool TryInt(string field, out int? value, out string? reason)
    {
        value = null;
        reason = null;
        if (Text(field) is not { } text)
            return true;
        if (!int.TryParse(text, NumberStyles.None, Invariant, out var i))
        {
            reason = $"'{text}' is not a whole non-negative number";
            return false;
        }
        value = i;
        return true;
    }

    public static bool TryDate(string field, out DateOnly? value, out string? reason)
    {
        value = null;
        reason = null;
        if (Text(field) is not { } text)
            return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var d))
        {
            reason = $"'{text}' is not a date in the form YYYY-MM-DD";
            return false;
        }
        value = d;
        return true;
    }

    /// <summary>Older records hold only a birth year: <c>YYYY</c> or <c>YYYY-MM-DD</c>.</summary>
    public static bool TryBirth(string field, out DateOnly? date, out int? year, out string? reason)
    {
        year = null;
        if (Text(field) is { Length: 4 } text)
        {
            date = null;
            reason = null;
            if (int.TryParse(text, NumberStyles.None, Invariant, out var y) && y >= 1800)
            {
                year = y;
                return true;
            }
            reason = $"'{text}' is not a birth year";
            return false;
        }
        if (!TryDate(field, out date, out reason))
        {
            reason = $"'{field.Trim()}' is not a birth date (YYYY-MM-DD) or birth year (YYYY)";
            return false;
        }
        year = date?.Year;
        return true;
    }

    /// <summary>M or F; the Vietnamese words Nam / Nữ are accepted and mapped.</summary>
    public static bool TryGender(string field, out string? value, out string? reason)
    {
        reason = null;
        value = Text(field)?.ToUpperInvariant() switch
        {
            null => null,
            "M" or "NAM" => "M",
            "F" or "NỮ" or "NU" => "F",
            _ => "?",
        };
        if (value != "?")
            return true;
        reason = $"'{field.Trim()}' is not a gender (M or F)";
        value = null;
        return false;
    }
}
