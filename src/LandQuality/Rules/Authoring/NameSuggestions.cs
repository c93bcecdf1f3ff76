using System.Text.RegularExpressions;

namespace LandQuality.Rules.Authoring;

/// <summary>
/// "Did you mean `UpdatedOn`?": the known name nearest to a misspelt one, by edit distance (letter case
/// ignored), when it is near enough to be a typo — at most a third of the name's letters away.
/// </summary>
public static partial class NameSuggestions
{
    /// <summary>Every name an expression can use: the view's fields (with and without their row prefix) and the helpers with their methods.</summary>
    public static IReadOnlyList<string> KnownNames { get; } = ViewFields.All.Select(f => f.Member)
        .Concat(HelperReference.All.SelectMany(h => new[] { h.Type, h.Method }))
        .Distinct(StringComparer.Ordinal).ToList();

    public static string? Nearest(string name, IEnumerable<string> known)
    {
        var best = (Name: (string?)null, Distance: int.MaxValue);
        foreach (var candidate in known)
        {
            var d = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < best.Distance)
                best = (candidate, d);
        }
        return best.Name is not null && best.Distance > 0 && best.Distance <= Math.Max(1, name.Length / 3) ? best.Name : null;
    }

    /// <summary>
    /// The suggestion for a Dynamic LINQ error about an unknown name ("No property or field 'UpdateOn' exists
    /// in type 'ParcelFacts'", "Unknown identifier 'Adress'"), or null when the message names none or nothing is near.
    /// </summary>
    public static string? ForParseError(string message)
    {
        var match = UnknownName().Match(message);
        return match.Success ? Nearest(match.Groups["name"].Value, KnownNames) : null;
    }

    /// <summary>Levenshtein distance, two rows.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    [GeneratedRegex(@"(?:No property or field|Unknown identifier|No applicable method|Type) '(?<name>[A-Za-z_][A-Za-z0-9_]*)'", RegexOptions.CultureInvariant)]
    private static partial Regex UnknownName();
}
