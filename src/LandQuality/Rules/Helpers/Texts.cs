namespace LandQuality.Rules.Helpers;

/// <summary>Free-text values for rule expressions: fillers that stand for "unknown".</summary>
public static class Texts
{
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
