using LandQuality.Data;
using LandQuality.Rules;
using LandQuality.Rules.Drafts;
using LandQuality.Rules.Versions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LandQuality.Web.Pages.Rules;

/// <summary>
/// So sánh hai phiên bản: any two versions of a rule set side by side, old on the left and new on the right — every
/// rule added, removed or changed with its expression, parameters and metadata, and the global parameters that differ.
/// Without a choice it compares the version published before the one in force with the one in force.
/// </summary>
public sealed class DiffModel(Database database) : PageModel
{
    [FromRoute] public string Name { get; set; } = "";
    [FromQuery] public int? From { get; set; }
    [FromQuery] public int? To { get; set; }

    public IReadOnlyList<RuleSetVersionSummary> Versions { get; private set; } = [];
    public IReadOnlyList<RuleDifference> Rules { get; private set; } = [];
    public IReadOnlyList<ParameterDifference> Parameters { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Versions = await new RuleDraftService(database).VersionsAsync(Name, ct);
        var inForce = Versions.SingleOrDefault(v => v.Status == "published");
        To ??= inForce?.Version ?? Versions[^1].Version;
        From ??= To == inForce?.Version && PublishedBefore(inForce) is { } previous ? previous : Predecessor(To.Value) ?? To;
        var store = new RuleSetStore(database);
        var before = await store.GetAsync(Name, From.Value, ct) ?? throw RuleDraftNotFoundException.NoVersion(Name, From.Value);
        var after = await store.GetAsync(Name, To.Value, ct) ?? throw RuleDraftNotFoundException.NoVersion(Name, To.Value);
        Rules = RuleSetDiff.Compare(before.Content, after.Content);
        Parameters = RuleSetDiff.CompareParameters(before.Content, after.Content);
    }

    /// <summary>The version in force before <paramref name="inForce"/>: the last published of the others.</summary>
    int? PublishedBefore(RuleSetVersionSummary inForce) =>
        Versions.Where(v => v.PublishedAt is not null && v.Version != inForce.Version).OrderByDescending(v => v.PublishedAt).FirstOrDefault()?.Version;

    int? Predecessor(int version) => Versions.Where(v => v.Version < version).Select(v => (int?)v.Version).Max();

    /// <summary>The keys of the two sides' maps (parameters, properties), in a stable order.</summary>
    public static IEnumerable<string> Keys(IReadOnlyDictionary<string, string>? before, IReadOnlyDictionary<string, string>? after) =>
        (before?.Keys ?? []).Union(after?.Keys ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>The rule properties of either side, ours first in the order the rule form has them (Vietnamese before English).</summary>
    public static IEnumerable<string> PropertyKeys(IReadOnlyDictionary<string, string>? before, IReadOnlyDictionary<string, string>? after) =>
        Keys(before, after).OrderBy(k => Array.IndexOf(Ours, k) is var i && i >= 0 ? i : Ours.Length);

    static readonly string[] Ours =
        [RuleMetadata.DimensionKey, RuleMetadata.SeverityKey, RuleMetadata.StageKey, RuleMetadata.MessageViKey, RuleMetadata.MessageEnKey];

    /// <summary>The text key of a property's value, for those whose values are words of ours (dimension, severity, stage).</summary>
    public static string? ValueLabel(string key, string value) => key switch
    {
        RuleMetadata.DimensionKey => "Dimension_" + value,
        RuleMetadata.SeverityKey => "Severity_" + value,
        RuleMetadata.StageKey => "Stage_" + value,
        _ => null,
    };

    /// <summary>The text key of a rule property's label.</summary>
    public static string PropertyLabel(string key) => key switch
    {
        RuleMetadata.DimensionKey => "Dimension",
        RuleMetadata.SeverityKey => "Severity",
        RuleMetadata.StageKey => "Stage",
        RuleMetadata.MessageViKey => "MessageVi",
        RuleMetadata.MessageEnKey => "MessageEn",
        _ => key,
    };
}
