using System.Text.Json;
using System.Text.Json.Serialization;
using LandQuality.Rules.Loading;
using RulesEngine.Models;

namespace LandQuality.Rules.Versions;

[JsonConverter(typeof(JsonStringEnumConverter<RuleChange>))]
public enum RuleChange
{
    [JsonStringEnumMemberName("added")] Added,
    [JsonStringEnumMemberName("removed")] Removed,
    [JsonStringEnumMemberName("changed")] Changed,
}

/// <summary>What a side-by-side diff shows of one rule in one version: its expression, its parameters, and the rest of its metadata.</summary>
public sealed record RuleSide(string? Expression, IReadOnlyDictionary<string, string> Parameters, bool Enabled, IReadOnlyDictionary<string, string> Properties)
{
    public static RuleSide Of(Rule rule) => new(
        rule.Expression,
        (rule.LocalParams ?? []).Where(p => p.Name is not null).GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().Expression ?? "", StringComparer.Ordinal),
        rule.Enabled,
        RuleMetadata.Keys
            .Where(k => RuleMetadata.Text(rule, k) is not null).ToDictionary(k => k, k => RuleMetadata.Text(rule, k)!, StringComparer.Ordinal));
}

/// <summary>
/// One top-level rule that differs between two versions; for a change, which parts changed; and the rule as
/// each version has it (<see cref="Before"/> null for an added rule, <see cref="After"/> for a removed one).
/// </summary>
public sealed record RuleDifference(RuleChange Change, string Workflow, string RuleName, IReadOnlyList<string> ChangedParts,
    RuleSide? Before = null, RuleSide? After = null);

/// <summary>The global params that differ: name → (old expression, new expression), null where a side lacks it.</summary>
public sealed record ParameterDifference(string Workflow, string Name, string? Before, string? After);

/// <summary>
/// What differs between two versions of a rule set, rule by rule (a rule is identified by workflow
/// and name). Parts are compared as JSON, so formatting and key order in the files do not count.
/// </summary>
public static class RuleSetDiff
{
    static readonly JsonSerializerOptions Canonical = new() { WriteIndented = false };

    public static List<RuleDifference> Compare(string fromContent, string toContent)
    {
        var from = Index(RuleSetFile.Parse(fromContent));
        var to = Index(RuleSetFile.Parse(toContent));
        var result = new List<RuleDifference>();
        foreach (var (key, rule) in to.Where(kv => !from.ContainsKey(kv.Key)))
            result.Add(new RuleDifference(RuleChange.Added, key.Workflow, rule.RuleName, [], null, RuleSide.Of(rule)));
        foreach (var (key, rule) in from.Where(kv => !to.ContainsKey(kv.Key)))
            result.Add(new RuleDifference(RuleChange.Removed, key.Workflow, rule.RuleName, [], RuleSide.Of(rule), null));
        foreach (var (key, before) in from.Where(kv => to.ContainsKey(kv.Key)))
        {
            var parts = ChangedParts(before, to[key]);
            if (parts.Count > 0)
                result.Add(new RuleDifference(RuleChange.Changed, key.Workflow, before.RuleName, parts, RuleSide.Of(before), RuleSide.Of(to[key])));
        }
        return result.OrderBy(d => d.Workflow, StringComparer.Ordinal).ThenBy(d => d.RuleName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Global params (the thresholds policy staff change without touching an expression) added, removed or changed.</summary>
    public static List<ParameterDifference> CompareParameters(string fromContent, string toContent)
    {
        static Dictionary<(string, string), string?> Params(string content) => RuleSetFile.Parse(content)
            .SelectMany(w => (w.GlobalParams ?? []).Where(p => p.Name is not null).Select(p => (Key: (w.WorkflowName, p.Name), p.Expression)))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => (string?)g.First().Expression);
        var from = Params(fromContent);
        var to = Params(toContent);
        return from.Keys.Union(to.Keys).Where(k => from.GetValueOrDefault(k) != to.GetValueOrDefault(k) || from.ContainsKey(k) != to.ContainsKey(k))
            .OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal)
            .Select(k => new ParameterDifference(k.Item1, k.Item2, from.GetValueOrDefault(k), to.GetValueOrDefault(k))).ToList();
    }

    static List<string> ChangedParts(Rule a, Rule b)
    {
        var parts = new List<string>();
        void Check(string name, object? x, object? y)
        {
            if (JsonSerializer.Serialize(x, Canonical) != JsonSerializer.Serialize(y, Canonical))
                parts.Add(name);
        }
        Check("Expression", a.Expression, b.Expression);
        Check("ErrorMessage", a.ErrorMessage, b.ErrorMessage);
        Check("Enabled", a.Enabled, b.Enabled);
        Check("Operator", a.Operator, b.Operator);
        Check("Rules", a.Rules, b.Rules);
        Check("LocalParams", a.LocalParams, b.LocalParams);
        foreach (var key in RuleMetadata.Keys)
            Check(key, RuleMetadata.Text(a, key), RuleMetadata.Text(b, key));
        return parts;
    }

    static Dictionary<(string Workflow, string Rule), Rule> Index(Workflow[] workflows) =>
        workflows.SelectMany(w => (w.Rules ?? []).Select(r => (Key: (w.WorkflowName, r.RuleName), Rule: r)))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Rule);
}
