using System.Reflection;
using System.Text.RegularExpressions;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Helpers;

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
    /// in type 'ParcelFacts'", "Type 'IdNumber' not found"), or null when the message names none or nothing is
    /// near. A member is looked for among the members of the type the message names; a type or identifier
    /// among the helper types.
    /// </summary>
    public static string? ForParseError(string message)
    {
        var match = UnknownName().Match(message);
        if (!match.Success)
            return null;
        var type = match.Groups["type"].Success ? RuleTypes.FirstOrDefault(t => t.Name == match.Groups["type"].Value) : null;
        IEnumerable<string> candidates = type is not null
            ? type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Where(m => m is PropertyInfo or MethodInfo { IsSpecialName: false })
                .Select(m => m.Name).Where(n => n is not ("GetType" or "Equals" or "GetHashCode" or "ToString" or "Deconstruct" or "<Clone>$"))
            : match.Groups["kind"].Value is "Type" or "Unknown identifier"
                ? RuleHelpers.CustomTypes.Select(t => t.Name).Append(Evaluation.RuleSettings.InputName)
                : KnownNames;
        return Nearest(match.Groups["name"].Value, candidates.Distinct(StringComparer.Ordinal));
    }

    static readonly Type[] RuleTypes = [typeof(ParcelFacts), typeof(OwnerFacts), typeof(PurposeFacts), .. RuleHelpers.CustomTypes];

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

    [GeneratedRegex(@"(?<kind>No property or field|Unknown identifier|No applicable method|Type) '(?<name>[A-Za-z_][A-Za-z0-9_]*)'(?: exists in type '(?<type>[A-Za-z_][A-Za-z0-9_]*)')?", RegexOptions.CultureInvariant)]
    private static partial Regex UnknownName();
}
