using System.Text.Json;
using RulesEngine.Models;

namespace LandQuality.Rules;

/// <summary>The four quality dimensions of the campaign: đúng – đủ – sạch – sống.</summary>
public enum Dimension { Correct, Sufficient, Clean, Alive }

/// <summary>An error blocks verification of the parcel; a warning is shown but does not.</summary>
public enum Severity { Error, Warning }

/// <summary>Who resolves a finding: identity findings go to the police, the rest to the commune or department.</summary>
public enum ReviewStage { Commune, Department, Police }

/// <summary>
/// Our metadata of one top-level rule, read from its RulesEngine <c>Properties</c>:
/// <c>dimension</c>, <c>severity</c>, <c>stage</c>, <c>message_vi</c>, <c>message_en</c>.
/// </summary>
public sealed record RuleMetadata(
    string Workflow, string RuleName, Dimension Dimension, Severity Severity, ReviewStage Stage,
    string MessageVi, string MessageEn)
{
    public const string DimensionKey = "dimension";
    public const string SeverityKey = "severity";
    public const string StageKey = "stage";
    public const string MessageViKey = "message_vi";
    public const string MessageEnKey = "message_en";

    /// <summary>Optional: the papers a citizen brings to settle a finding, as keys joined by commas (<see cref="Documents.Notices.CitizenPapers"/>).</summary>
    public const string CitizenPapersKey = "citizen_papers";

    /// <summary>Every key of our metadata, in the order a diff lists them.</summary>
    public static readonly string[] Keys = [DimensionKey, SeverityKey, StageKey, MessageViKey, MessageEnKey, CitizenPapersKey];

    /// <summary>The paper keys a rule names (empty when it names none, so the notices' catalogue decides).</summary>
    public static IReadOnlyList<string> PapersOf(Rule rule) =>
        Text(rule, CitizenPapersKey) is { } text
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];

    /// <summary>The metadata of a rule, or null when any property is missing or invalid (the validator says which).</summary>
    public static RuleMetadata? TryRead(string workflow, Rule rule) =>
        TryEnum<Dimension>(rule, DimensionKey) is { } dimension
        && TryEnum<Severity>(rule, SeverityKey) is { } severity
        && TryEnum<ReviewStage>(rule, StageKey) is { } stage
        && Text(rule, MessageViKey) is { Length: > 0 } vi
        && Text(rule, MessageEnKey) is { Length: > 0 } en
        && !string.IsNullOrWhiteSpace(vi) && !string.IsNullOrWhiteSpace(en)
            ? new RuleMetadata(workflow, rule.RuleName, dimension, severity, stage, vi, en)
            : null;

    /// <summary>
    /// A property's value when it is a string. Keys match in any letter case, like the rest of the
    /// file; values come as <see cref="JsonElement"/> from JSON or as strings from code.
    /// </summary>
    public static string? Text(Rule rule, string key)
    {
        if (rule.Properties is null)
            return null;
        foreach (var (k, value) in rule.Properties)
        {
            if (!string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
                continue;
            return value switch
            {
                string s => s,
                JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
                _ => null,
            };
        }
        return null;
    }

    /// <summary>An enum value written in any letter case ("correct", "Correct"); numbers are not accepted.</summary>
    public static T? TryEnum<T>(Rule rule, string key) where T : struct, Enum =>
        Text(rule, key) is { } text && !text.Any(char.IsDigit) && Enum.TryParse<T>(text, ignoreCase: true, out var value)
        && Enum.IsDefined(value)
            ? value
            : null;
}
