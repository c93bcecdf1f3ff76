namespace LandQuality.Documents.AuditExtracts;

// The model of templates/audit.*.sbn (documented in templates/README.md); members in snake_case, values formatted.

/// <summary>A parcel's audit extract: the parcel, the integrity check's result, and every step of its history.</summary>
/// <param name="Intact">Whether the parcel's chain, the rows that name it and its fields all check out.</param>
/// <param name="Problems">What the integrity check found wrong, when anything.</param>
/// <param name="ChainHead">The last entry's number and hash: what a later extract must continue from.</param>
public sealed record AuditExtract(string Language, string ParcelId, string CommuneCode, string CommuneName, string? MapSheet, string? ParcelNo,
    string? Address, string GeneratedAt, bool Intact, long EntriesChecked, IReadOnlyList<string> Problems, string? ChainHead,
    IReadOnlyList<AuditExtractEntry> Entries);

/// <param name="Seq">The entry's number in the parcel's chain; null for a step told from the tables (before chaining began).</param>
/// <param name="Step">The kind of step in the extract's language ("Nhận việc").</param>
public sealed record AuditExtractEntry(string? Seq, string At, string Actor, string Step, string Details);
