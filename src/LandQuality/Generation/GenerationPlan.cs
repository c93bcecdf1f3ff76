namespace LandQuality.Generation;

/// <summary>
/// Everything decided before any text is written, one array slot per parcel: where it lies, who
/// owns it and which defects it carries. Planning is sequential (and cheap); rendering the text
/// from the plan runs in parallel chunks, and only reads it.
/// </summary>
internal sealed class GenerationPlan
{
    public required GeneratorOptions Options { get; init; }
    /// <summary>The generated provinces' communes; <see cref="Commune"/> indexes them.</summary>
    public required GeneratedCommune[] Communes { get; init; }
    public required PersonTable People { get; init; }
    public required int[] CommuneStart { get; init; }
    public required short[] Commune { get; init; }
    public required short[] MapSheet { get; init; }
    public required short[] ParcelNo { get; init; }
    /// <summary>First owner's person index (owners are consecutive people); -1 when the parcel has none.</summary>
    public required int[] OwnerFirst { get; init; }
    public required byte[] OwnerCount { get; init; }
    /// <summary>The owner (0-based slot) that owner-level defects apply to.</summary>
    public required byte[] TargetOwner { get; init; }
    public required uint[] Defects { get; init; }
    /// <summary>See <see cref="CertificateSerials"/>; the issue year follows from the serial's series.</summary>
    public required int[] CertificateSerial { get; init; }
    /// <summary>For id_number_multiple_names: the person whose name is written against the target's ID.</summary>
    public required Dictionary<int, int> NameDonors { get; init; }

    public int ParcelCount => Defects.Length;

    public int SeqInCommune(int parcel) => parcel - CommuneStart[Commune[parcel]] + 1;

    public GenerationSummary Summarize(int malformedRows)
    {
        long ownerRows = 0;
        var defective = 0;
        var byKind = new int[DefectKinds.All.Count];
        var harmless = DefectMask.Bit(DefectKind.NameVariant);
        for (var p = 0; p < ParcelCount; p++)
        {
            ownerRows += OwnerCount[p];
            var defects = Defects[p];
            if ((defects & ~harmless) != 0)
                defective++;
            for (var k = 0; k < byKind.Length; k++)
                if ((defects & (1u << k)) != 0)
                    byKind[k]++;
        }

        var ownerPeople = new bool[People.Count];
        for (var p = 0; p < ParcelCount; p++)
            for (var s = 0; s < OwnerCount[p]; s++)
                ownerPeople[OwnerFirst[p] + s] = true;
        int owners = 0, registry = 0;
        for (var person = 0; person < People.Count; person++)
        {
            if (ownerPeople[person])
                owners++;
            if ((People.Traits(person) & PersonTraits.NotInRegistry) == 0)
                registry++;
        }

        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < byKind.Length; k++)
            kinds[DefectKinds.All[k]] = byKind[k];
        return new GenerationSummary(ParcelCount, ownerRows, owners, registry, defective, kinds, malformedRows);
    }
}
