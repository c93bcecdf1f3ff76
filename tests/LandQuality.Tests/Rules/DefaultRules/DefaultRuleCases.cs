using System.Text.Json;
using System.Text.Json.Nodes;
using LandQuality.Rules.Facts;

namespace LandQuality.Tests.Rules.DefaultRules;

/// <summary>
/// default-rule-cases.json: a clean parcel that passes every default rule, and per case the change
/// (to the parcel, or to its first owner) that should make one rule fail — plus the rules a case
/// cannot help failing too (<c>also</c>).
/// </summary>
public static class DefaultRuleCases
{
    public sealed record Case(string Rule, string? Note, ParcelFacts Facts, string[] Also)
    {
        public override string ToString() => Note is null ? Rule : $"{Rule} ({Note})";
    }

    static readonly JsonObject Document = JsonNode.Parse(File.ReadAllText(RuleFiles.Fixture("default-rule-cases.json")))!.AsObject();

    public static ParcelFacts Clean => Facts(Document["clean"]!.DeepClone().AsObject());

    public static IReadOnlyList<Case> All { get; } = Document["cases"]!.AsArray().Select(node =>
    {
        var parcel = Document["clean"]!.DeepClone().AsObject();
        Merge(parcel, node!["parcel"] as JsonObject);
        if (node["owner"] is JsonObject owner)
            Merge(parcel["Owners"]![0]!.AsObject(), owner);
        var also = node["also"]?.AsArray().Select(a => a!.GetValue<string>()).ToArray() ?? [];
        return new Case(node["rule"]!.GetValue<string>(), node["note"]?.GetValue<string>(), Facts(parcel), also);
    }).ToList();

    static void Merge(JsonObject target, JsonObject? patch)
    {
        foreach (var (key, value) in patch ?? [])
            target[key] = value?.DeepClone();
    }

    static ParcelFacts Facts(JsonObject json) => json.Deserialize<ParcelFacts>()!;
}
