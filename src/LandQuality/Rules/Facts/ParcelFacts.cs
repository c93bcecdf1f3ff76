namespace LandQuality.Rules.Facts;

/// <summary>
/// What a rule sees of one parcel (<c>input1</c> in rule expressions): the parcel, its purposes,
/// certificate and owners with their registry matches, plus cross-record facts that need the whole
/// data set. Built by a set-wide pass so rules never query the database. Collections are never
/// null (empty instead), so rules can count them without guarding.
/// </summary>
public sealed record ParcelFacts
{
    public required string ParcelId { get; init; }
    /// <summary>5-digit commune code of the 2025 administrative units.</summary>
    public required string CommuneCode { get; init; }
    /// <summary>Số tờ bản đồ.</summary>
    public int? MapSheet { get; init; }
    /// <summary>Số thửa.</summary>
    public int? ParcelNo { get; init; }
    public string? Address { get; init; }
    /// <summary>Area measured on the cadastral map, m².</summary>
    public decimal? AreaM2 { get; init; }
    /// <summary>Area recognised on the certificate, m².</summary>
    public decimal? LegalAreaM2 { get; init; }
    /// <summary>Thời hạn sử dụng as written, e.g. "Lâu dài" or "2064-10-15".</summary>
    public string? LandUseTerm { get; init; }
    /// <summary>Nguồn gốc sử dụng as written.</summary>
    public string? LandUseOrigin { get; init; }
    /// <summary>The parcel's polygon as (E)WKT in VN-2000 metres; null when the map has none.</summary>
    public string? GeometryWkt { get; init; }
    public DateOnly? UpdatedOn { get; init; }

    /// <summary>Land-use purposes in record order.</summary>
    public IReadOnlyList<PurposeFacts> Purposes { get; init; } = [];
    /// <summary>Sum of the purposes' areas; null when no purpose has an area.</summary>
    public decimal? PurposeAreaSum { get; init; }

    /// <summary>Whether a certificate row exists at all (a parcel may not be certified yet).</summary>
    public bool HasCertificate { get; init; }
    /// <summary>Số phát hành; null without a certificate.</summary>
    public string? CertificateSerial { get; init; }
    /// <summary>Số vào sổ; null without a certificate.</summary>
    public string? CertificateBookNo { get; init; }
    public DateOnly? CertificateIssuedOn { get; init; }

    /// <summary>Right holders in record order.</summary>
    public IReadOnlyList<OwnerFacts> Owners { get; init; } = [];

    /// <summary>Parcels sharing this commune + map sheet + parcel number, itself included: 1 means unique.</summary>
    public int DuplicateKeyCount { get; init; } = 1;
    /// <summary>
    /// The day the evaluation run counts as "today", fixed per run so that date rules (nothing in
    /// the future) give the same answer when a parcel is re-evaluated or the run is repeated.
    /// </summary>
    public DateOnly EvaluatedOn { get; init; }
}

/// <summary>One land-use purpose (mục đích sử dụng) of a parcel.</summary>
public sealed record PurposeFacts(string? Code, decimal? AreaM2);

/// <summary>A right holder with what the population registry says about the same ID number.</summary>
public sealed record OwnerFacts
{
    /// <summary>Position in the record, 1-based.</summary>
    public int Seq { get; init; }
    public string? FullName { get; init; }
    /// <summary>Set when the land record holds a full date.</summary>
    public DateOnly? BirthDate { get; init; }
    /// <summary>Set whenever any birth information is known (older records hold only the year).</summary>
    public int? BirthYear { get; init; }
    /// <summary>"M" or "F" as the land record holds it.</summary>
    public string? Gender { get; init; }
    /// <summary>As written: CCCD, legacy CMND, or malformed (malformed values are findings).</summary>
    public string? IdNumber { get; init; }
    /// <summary>Ownership fraction (0–1); null means equal shares.</summary>
    public decimal? Share { get; init; }

    /// <summary>The registry holds a person with this exact ID number.</summary>
    public bool RegistryFound { get; init; }
    public string? RegistryFullName { get; init; }
    public DateOnly? RegistryBirthDate { get; init; }
    /// <summary>The registry's gender in the same "M"/"F" letters as <see cref="Gender"/>.</summary>
    public string? RegistryGender { get; init; }
    /// <summary>The registry records the person as deceased.</summary>
    public bool RegistryDeceased { get; init; }

    /// <summary>
    /// Different names (compared without diacritics, case or spacing: <c>VietnameseName.StripAccents</c>)
    /// this ID number carries across all owners in the land data; 0 without an ID number, 1 when consistent.
    /// </summary>
    public int NamesForIdNumber { get; init; }
}
