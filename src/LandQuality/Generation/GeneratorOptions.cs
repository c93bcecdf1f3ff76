namespace LandQuality.Generation;

/// <summary>What to generate. The same options and seed always give byte-identical files.</summary>
public sealed record GeneratorOptions
{
    /// <summary>Huế's 2024 review found 51.4 % of parcel records complete, so 48.6 % carry a defect.</summary>
    public const double HueDefectRate = 0.486;

    public int Parcels { get; init; } = 1000;
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
