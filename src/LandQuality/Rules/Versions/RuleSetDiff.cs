using System.Text.Json;
using LandQuality.Rules.Loading;
using RulesEngine.Models;

namespace LandQuality.Rules.Versions;

public enum RuleChange { Added, Removed, Changed }

/// <summary>One top-level rule that differs between two versions; for a change, which parts changed.</summary>
public sealed record RuleDifference(RuleChange Change, string Workflow, string RuleName, IReadOnlyList<string> ChangedParts);

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
            result.Add(new RuleDifference(RuleChange.Added, key.Workflow, rule.RuleName, []));
        foreach (var (key, rule) in from.Where(kv => !to.ContainsKey(kv.Key)))
            result.Add(new RuleDifference(RuleChange.Removed, key.Workflow, rule.RuleName, []));
        foreach (var (key, before) in from.Where(kv => to.ContainsKey(kv.Key)))
        {
            var parts = ChangedParts(before, to[key]);
            if (parts.Count > 0)
                result.Add(new RuleDifference(RuleChange.Changed, key.Workflow, before.RuleName, parts));
        }
        return result.OrderBy(d => d.Workflow, StringComparer.Ordinal).ThenBy(d => d.RuleName, StringComparer.Ordinal).ToList();
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
        foreach (var key in new[] { RuleMetadata.DimensionKey, RuleMetadata.SeverityKey, RuleMetadata.StageKey, RuleMetadata.MessageViKey, RuleMetadata.MessageEnKey })
            Check(key, RuleMetadata.Text(a, key), RuleMetadata.Text(b, key));
        return parts;
    }

    static Dictionary<(string Workflow, string Rule), Rule> Index(Workflow[] workflows) =>
        workflows.SelectMany(w => (w.Rules ?? []).Select(r => (Key: (w.WorkflowName, r.RuleName), Rule: r)))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Rule);
}
