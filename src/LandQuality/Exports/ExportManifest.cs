using System.Text.Json;
using System.Text.Json.Serialization;

namespace LandQuality.Exports;

/// <summary>One file of an export: its name, data rows (the header not counted) and SHA-256 of its bytes.</summary>
public sealed record ExportedFile(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("sha256")] string Sha256);

/// <summary>The rule set the exported parcels were verified under.</summary>
public sealed record ExportedRuleSet(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] int? Version);

/// <summary>
/// The history's anchor at the export: the audit cut and the digest over every chain up to it (as <c>lq audit
/// checkpoint</c> writes it), so the receiving side can later check that the history behind the export was not rewritten.
/// </summary>
public sealed record ExportedAuditAnchor(
    [property: JsonPropertyName("last_entry_id")] long LastEntryId,
    [property: JsonPropertyName("entries")] long Entries,
    [property: JsonPropertyName("chains")] long Chains,
    [property: JsonPropertyName("digest")] string Digest);

/// <summary><c>manifest.json</c> of an export to the national land database.</summary>
/// <param name="ChangedSince">The first day (Vietnam time) whose verifications and corrections are exported.</param>
/// <param name="Parcels">Parcels exported: their case closed verified, or a correction applied, since that day.</param>
public sealed record ExportManifest(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("database")] string Database,
    [property: JsonPropertyName("exported_at")] DateTimeOffset ExportedAt,
    [property: JsonPropertyName("changed_since")] DateOnly ChangedSince,
    [property: JsonPropertyName("parcels")] long Parcels,
    [property: JsonPropertyName("rule_set")] ExportedRuleSet RuleSet,
    [property: JsonPropertyName("files")] IReadOnlyList<ExportedFile> Files,
    [property: JsonPropertyName("audit")] ExportedAuditAnchor Audit)
{
    public const string CurrentFormat = "landquality-export/1";
    public const string FileName = "manifest.json";

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ExportManifest Read(string path) =>
        JsonSerializer.Deserialize<ExportManifest>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty.");
}
