namespace LandQuality.Generation;

/// <summary>
/// How often each defect is injected and which fields it occupies. Two defects that would touch the
/// same field group of a parcel are never combined, so every listed defect stays visible in the data
/// (a missing ID and a malformed one on the same owner would hide each other). A missing or malformed
/// ID excludes every other owner-level defect: without the number the owner's registry record
/// cannot be found, so a name or birth-date difference could not be seen.
/// </summary>
internal static class DefectCatalog
{
    // Field groups. Owner-level groups all refer to the parcel's one target owner.
    public const int IdGroup = 1, NameGroup = 2, BirthGroup = 4, GenderGroup = 8, PersonGroup = 16;
    public const int AllOwnerGroups = IdGroup | NameGroup | BirthGroup | GenderGroup | PersonGroup;
    const int CertificateGroup = 32, LandUseGroup = 64, AreaGroup = 128, GeometryGroup = 256, KeyGroup = 512, DateGroup = 1024;

    // Relative frequencies (per mille of defects, roughly): what Huế's 2024 review found most often
    // (missing IDs and certificate serials, legacy codes and CMNDs) is most common here too.
    static readonly (DefectKind Kind, int Weight, int Groups)[] Kinds =
    [
        (DefectKind.MissingOwner, 40, AllOwnerGroups),
        (DefectKind.MissingIdNumber, 100, AllOwnerGroups),
        (DefectKind.MissingCertificateSerial, 90, CertificateGroup),
        (DefectKind.MissingLandUse, 30, LandUseGroup),
        (DefectKind.MissingArea, 30, AreaGroup),
        (DefectKind.MalformedIdNumber, 50, AllOwnerGroups),
        (DefectKind.IdGenderMismatch, 20, PersonGroup | IdGroup | GenderGroup),
        (DefectKind.IdBirthYearMismatch, 30, PersonGroup | IdGroup),
        (DefectKind.OwnerNotInRegistry, 60, AllOwnerGroups),
        (DefectKind.NameDiffersFromRegistry, 40, NameGroup),
        (DefectKind.NameVariant, 0, NameGroup),
        (DefectKind.NameMissingDiacritics, 50, NameGroup),
        (DefectKind.BirthDateDiffers, 60, BirthGroup),
        (DefectKind.GenderDiffers, 20, GenderGroup),
        (DefectKind.DeceasedOwner, 50, PersonGroup),
        (DefectKind.LegacyCmnd, 80, PersonGroup | IdGroup),
        (DefectKind.UnknownLandUseCode, 20, LandUseGroup),
        (DefectKind.LegacyLandUseCode, 80, LandUseGroup),
        (DefectKind.PurposeAreaMismatch, 30, LandUseGroup | AreaGroup),
        (DefectKind.AreaMismatch, 50, AreaGroup),
        (DefectKind.GeometryAreaMismatch, 20, GeometryGroup | AreaGroup),
        (DefectKind.DuplicateParcelKey, 20, KeyGroup),
        (DefectKind.IdNumberMultipleNames, 20, PersonGroup | NameGroup | IdGroup),
        (DefectKind.PlaceholderDate, 30, DateGroup),
        (DefectKind.UnknownIdProvinceCode, 10, PersonGroup | IdGroup),
        // The campaign's own target (records not brought up to date), as common as a registry mismatch.
        (DefectKind.StaleRecord, 60, DateGroup),
        (DefectKind.ImplausiblyOldOwner, 10, AllOwnerGroups),
        (DefectKind.MissingUpdatedOn, 15, DateGroup),
    ];

    static readonly int[] Cumulative = SplitMix64.Cumulative(Array.ConvertAll(Kinds, k => k.Weight));

    /// <summary>Owner-level kinds that change what is written for the target owner (so that row no longer shows the true name and ID).</summary>
    public const uint RowAlterations =
        1u << (int)DefectKind.MissingIdNumber | 1u << (int)DefectKind.MalformedIdNumber
        | 1u << (int)DefectKind.NameDiffersFromRegistry | 1u << (int)DefectKind.NameVariant
        | 1u << (int)DefectKind.NameMissingDiacritics | 1u << (int)DefectKind.IdNumberMultipleNames;

    /// <summary>Kinds whose owner is a person with that trait in the registry too (see <see cref="PersonTraits"/>).</summary>
    public const uint PersonKinds =
        1u << (int)DefectKind.IdGenderMismatch | 1u << (int)DefectKind.IdBirthYearMismatch
        | 1u << (int)DefectKind.OwnerNotInRegistry | 1u << (int)DefectKind.DeceasedOwner
        | 1u << (int)DefectKind.LegacyCmnd | 1u << (int)DefectKind.UnknownIdProvinceCode
        | 1u << (int)DefectKind.ImplausiblyOldOwner;

    public static int GroupsOf(DefectKind kind) => Kinds[(int)kind].Groups;

    /// <summary>Adds one defect that fits beside those already chosen; false when none was found in a few tries.</summary>
    /// <param name="canBeStale">The certificate was issued early enough for the record to have been untouched since (see <see cref="ParcelRowWriter.StaleUntil"/>).</param>
    public static bool TryAdd(ref SplitMix64 rng, ref uint defects, ref int groups, bool canDuplicateKey, bool canBeStale)
    {
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var (kind, _, kindGroups) = Kinds[rng.Pick(Cumulative)];
            if ((kindGroups & groups) != 0 || (kind == DefectKind.DuplicateParcelKey && !canDuplicateKey)
                || (kind == DefectKind.StaleRecord && !canBeStale))
                continue;
            defects |= DefectMask.Bit(kind);
            groups |= kindGroups;
            return true;
        }
        return false;
    }
}
