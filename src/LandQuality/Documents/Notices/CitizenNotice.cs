namespace LandQuality.Documents.Notices;

// The model of templates/notices.*.html.sbn (documented in templates/README.md). Scriban names members in snake_case:
// CommitteeName is committee_name. Every value is already a formatted string in the notice's language.

/// <summary>A batch of notices for one commune, in one language.</summary>
/// <param name="Due">The day by which to bring the papers (the workflow's citizenDocumentsDue, dd/MM/yyyy), or null when none is set.</param>
public sealed record NoticeBatch(string Language, string CommuneCode, string CommuneName, string CommitteeName, string ProvinceName, string IssuedOn,
    string? Due, IReadOnlyList<CitizenNotice> Notices);

/// <param name="Number">The notice's number in the batch (1, 2, …), for the office's register.</param>
/// <param name="Salutation">Ông / Bà (Mr / Ms), or both when the record has no gender.</param>
/// <param name="IdNumber">The owner's ID number as the record has it, masked (046*******34), or null.</param>
public sealed record CitizenNotice(int Number, string Salutation, string? OwnerName, string? IdNumber, string ParcelId, string? MapSheet,
    string? ParcelNo, string? Address, IReadOnlyList<string> Problems, IReadOnlyList<string> Papers);
