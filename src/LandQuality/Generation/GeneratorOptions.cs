namespace LandQuality.Generation;

/// <summary>What to generate. The same options and seed always give byte-identical files.</summary>
public sealed record GeneratorOptions
{
    /// <summary>Huế's 2024 review found 51.4 % of parcel records complete, so 48.6 % carry a defect.</summary>
    public const double HueDefectRate = 0.486;

    public int Parcels { get; init; } = 1000;
    /// <summary>
    /// The 2025 provinces whose communes the parcels are spread over (reference codes, e.g. 46 Huế, 01 Hà Nội), in one
    /// data set: one run of the generator keeps ID numbers and certificate serials unique across all of them, so
    /// several provinces go into one database without false duplicates between them.
    /// </summary>
    public IReadOnlyList<string> Provinces { get; init; } = [Reference.ReferenceData.HueProvinceCode];
    public long Seed { get; init; } = 1;
    /// <summary>Share of parcels with at least one (non-harmless) defect.</summary>
    public double DefectRate { get; init; } = HueDefectRate;
    /// <summary>Structurally broken rows appended across the files for import demos; not in defects.csv.</summary>
    public int MalformedRows { get; init; }
    /// <summary>Worker threads; the output does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    public void Validate()
    {
        if (Parcels < 0)
            throw new ArgumentOutOfRangeException(nameof(Parcels), Parcels, "The number of parcels cannot be negative.");
        if (Parcels > 10_000_000)
            throw new ArgumentOutOfRangeException(nameof(Parcels), Parcels, "At most 10 million parcels (a year's certificate series holds a million serials).");
        if (Provinces.Count == 0)
            throw new ArgumentException("At least one province.", nameof(Provinces));
        foreach (var code in Provinces)
            if (!Reference.ReferenceData.Current.Provinces.Any(p => p.Code == code))
                throw new ArgumentException(
                    $"Không có tỉnh/thành mã '{code}' trong danh mục 2025. — No 2025 province has code '{code}' (34 codes: " +
                    string.Join(", ", Reference.ReferenceData.Current.Provinces.Select(p => p.Code)) + ").", nameof(Provinces));
        if (Provinces.Distinct(StringComparer.Ordinal).Count() != Provinces.Count)
            throw new ArgumentException("Mỗi tỉnh một lần. — Each province once.", nameof(Provinces));
        if (DefectRate is < 0 or > 1 || double.IsNaN(DefectRate))
            throw new ArgumentOutOfRangeException(nameof(DefectRate), DefectRate, "The defect rate is a share between 0 and 1.");
        if (MalformedRows < 0)
            throw new ArgumentOutOfRangeException(nameof(MalformedRows), MalformedRows, "The number of malformed rows cannot be negative.");
        if (MaxDegreeOfParallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "At least one thread.");
    }
}

/// <summary>What was generated: the counts the CLI prints and tests compare with the files.</summary>
public sealed record GenerationSummary(
    int Parcels,
    long OwnerRows,
    int OwnerPeople,
    int PopulationRecords,
    int ParcelsWithDefects,
    IReadOnlyDictionary<string, int> DefectsByKind,
    int MalformedRows)
{
    public double DefectShare => Parcels == 0 ? 0 : (double)ParcelsWithDefects / Parcels;
}
