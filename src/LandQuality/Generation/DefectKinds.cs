namespace LandQuality.Generation;

/// <summary>
/// The defect names written to defects.csv, the generator's ground truth. Owner-level kinds affect
/// one owner of the parcel. Some defects cannot help showing up in a second check too; those
/// overlaps are noted here so rule tests can expect them:
/// <list type="bullet">
/// <item><see cref="GenderDiffers"/>: the written gender also disagrees with the CCCD's gender digit.</item>
/// <item><see cref="MalformedIdNumber"/>: the written number cannot be found in the registry either.</item>
/// <item><see cref="IdNumberMultipleNames"/>: the parcel's name also differs from the registry's.</item>
/// <item><see cref="DuplicateParcelKey"/>: only the injected copy is listed; the parcel it copies stays clean.</item>
/// <item><see cref="ImplausiblyOldOwner"/>: the owner is missing from the registry (that is what lets their
/// age stand unchecked), so owner_not_in_registry fires too.</item>
/// </list>
/// The CCCD defects (<see cref="IdGenderMismatch"/>, <see cref="IdBirthYearMismatch"/>,
/// <see cref="UnknownIdProvinceCode"/>), <see cref="LegacyCmnd"/> and <see cref="DeceasedOwner"/>
/// belong to the person, so the registry holds the same number and status: only that check fires.
/// </summary>
public static class DefectKinds
{
    public const string MissingOwner = "missing_owner";
    public const string MissingIdNumber = "missing_id_number";
    public const string MissingCertificateSerial = "missing_certificate_serial";
    public const string MissingLandUse = "missing_land_use";
    public const string MissingArea = "missing_area";
    public const string MalformedIdNumber = "malformed_id_number";
    public const string IdGenderMismatch = "id_gender_mismatch";
    public const string IdBirthYearMismatch = "id_birth_year_mismatch";
    public const string OwnerNotInRegistry = "owner_not_in_registry";
    public const string NameDiffersFromRegistry = "name_differs_from_registry";
    /// <summary>Harmless: same name, written with the other tone-mark placement, NFD, other letter case or extra spaces.</summary>
    public const string NameVariant = "name_variant";
    public const string NameMissingDiacritics = "name_missing_diacritics";
    public const string BirthDateDiffers = "birth_date_differs";
    public const string GenderDiffers = "gender_differs";
    public const string DeceasedOwner = "deceased_owner";
    public const string LegacyCmnd = "legacy_cmnd";
    public const string UnknownLandUseCode = "unknown_land_use_code";
    public const string LegacyLandUseCode = "legacy_land_use_code";
    public const string PurposeAreaMismatch = "purpose_area_mismatch";
    public const string AreaMismatch = "area_mismatch";
    public const string GeometryAreaMismatch = "geometry_area_mismatch";
    public const string DuplicateParcelKey = "duplicate_parcel_key";
    public const string IdNumberMultipleNames = "id_number_multiple_names";
    public const string PlaceholderDate = "placeholder_date";
    public const string UnknownIdProvinceCode = "unknown_id_province_code";
    /// <summary>Last updated more than 12 years before the data's last day: past the rules' default of 10 years on any evaluation day.</summary>
    public const string StaleRecord = "stale_record";
    /// <summary>Born 1900–1914 (over 105 on any evaluation day) and missing from the registry.</summary>
    public const string ImplausiblyOldOwner = "implausibly_old_owner";
    public const string MissingUpdatedOn = "missing_updated_on";

    /// <summary>Every kind, in the order of <see cref="DefectKind"/> (and of rows within a parcel in defects.csv).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        MissingOwner, MissingIdNumber, MissingCertificateSerial, MissingLandUse, MissingArea, MalformedIdNumber,
        IdGenderMismatch, IdBirthYearMismatch, OwnerNotInRegistry, NameDiffersFromRegistry, NameVariant,
        NameMissingDiacritics, BirthDateDiffers, GenderDiffers, DeceasedOwner, LegacyCmnd, UnknownLandUseCode,
        LegacyLandUseCode, PurposeAreaMismatch, AreaMismatch, GeometryAreaMismatch, DuplicateParcelKey,
        IdNumberMultipleNames, PlaceholderDate, UnknownIdProvinceCode, StaleRecord, ImplausiblyOldOwner, MissingUpdatedOn,
    ];

    /// <summary>Kinds recorded for checking that rules stay quiet; they do not make a parcel defective.</summary>
    public static bool IsHarmless(string kind) => kind == NameVariant;
}

/// <summary>Bit positions for <see cref="DefectKinds.All"/>; a parcel's defects are a bit mask of these.</summary>
internal enum DefectKind
{
    MissingOwner, MissingIdNumber, MissingCertificateSerial, MissingLandUse, MissingArea, MalformedIdNumber,
    IdGenderMismatch, IdBirthYearMismatch, OwnerNotInRegistry, NameDiffersFromRegistry, NameVariant,
    NameMissingDiacritics, BirthDateDiffers, GenderDiffers, DeceasedOwner, LegacyCmnd, UnknownLandUseCode,
    LegacyLandUseCode, PurposeAreaMismatch, AreaMismatch, GeometryAreaMismatch, DuplicateParcelKey,
    IdNumberMultipleNames, PlaceholderDate, UnknownIdProvinceCode, StaleRecord, ImplausiblyOldOwner, MissingUpdatedOn,
}

internal static class DefectMask
{
    public static bool Has(this uint mask, DefectKind kind) => (mask & Bit(kind)) != 0;
    public static uint Bit(DefectKind kind) => 1u << (int)kind;
}
