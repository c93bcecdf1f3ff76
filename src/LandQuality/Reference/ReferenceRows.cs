namespace LandQuality.Reference;

/// <summary>A published version of the reference data, with the date from which it holds.</summary>
public sealed class ReferenceVersion
{
    public required string Version { get; init; }
    public DateOnly EffectiveFrom { get; init; }
    public DateTimeOffset LoadedAt { get; init; }
}

// Database rows of the versioned reference tables; keyed by (version, code) so old versions stay readable.
public sealed class ProvinceRow
{
    public required string Version { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string DivisionType { get; init; }
}

public sealed class CommuneRow
{
    public required string Version { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string DivisionType { get; init; }
    public required string ProvinceCode { get; init; }
}

public sealed class CccdProvinceCodeRow
{
    public required string Version { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
}

public sealed class LandUseCodeRow
{
    public required string Version { get; init; }
    public required string Code { get; init; }
    public required string Group { get; init; }
    public required string NameVi { get; init; }
    public bool IsLegacy { get; init; }
    public string? MapsTo { get; init; }
}
