using System.Text.RegularExpressions;

namespace LandQuality.Rules.Helpers;

/// <summary>Free-text values for rule expressions: fillers that stand for "unknown", and patterns.</summary>
public static class Texts
{
    /// <summary>
    /// How long one pattern may run on one value. A pattern is written by policy staff, and a careless
    /// one (<c>(a+)+$</c>) backtracks for minutes on a long value: past this it throws, and the rule
    /// reports a rule error for that parcel instead of holding up the run.
    /// </summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The text contains a match of the .NET regular expression <paramref name="pattern"/> (anchor it with
    /// ^…$ to match the whole text), case-sensitively and culture-invariantly; null is false. Patterns are
    /// cached by <see cref="Regex"/> itself, so one pattern is parsed once per process, not per parcel.
    /// </summary>
    public static bool Matches(string? text, string pattern) =>
        text is not null && Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, PatternTimeout);

    /// <summary>What clerks type into a required field when they do not know the value, lower case.</summary>
    static readonly string[] Placeholders = ["-", ".", "0", "?", "x", "n/a", "null", "không", "không rõ"];

    const int LongestPlaceholder = 8;

    /// <summary>
    /// The text is a filler such as "-", "N/A" or "Không rõ": after trimming white space and
    /// lower-casing (invariant culture), it equals one of the fillers, compared code unit by code
    /// unit — exactly <c>(text ?? "").Trim().ToLowerInvariant() in (…)</c>, without building the two
    /// strings that costs (an address is tens of characters; a filler is at most eight). Null and
    /// empty are false: a missing value is a finding of its own rule.
    /// </summary>
    public static bool IsPlaceholder(string? text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length is 0 or > LongestPlaceholder)
            return false;
        // Invariant lower-casing maps each UTF-16 code unit to one code unit, so lengths stay equal.
        Span<char> lower = stackalloc char[LongestPlaceholder];
        lower = lower[..trimmed.ToLowerInvariant(lower)];
        foreach (var placeholder in Placeholders)
            if (lower.SequenceEqual(placeholder))
                return true;
        return false;
    }
}
