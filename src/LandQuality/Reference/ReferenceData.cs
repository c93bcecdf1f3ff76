using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;

namespace LandQuality.Reference;

public sealed record Province(string Code, string Name, string DivisionType, int CommuneCount);

public sealed record Commune(string Code, string Name, string DivisionType, string ProvinceCode);

public sealed record CccdProvinceCode(string Code, string Name);

public enum LandUseStatus { Current, Legacy }

public sealed record LandUseCodeInfo(string Code, string Group, string NameVi, LandUseStatus Status, string? MapsTo);

/// <summary>
/// The public reference data the product ships (see Reference/Data/SOURCES.md), loaded once from
/// embedded resources. The database holds the same rows, versioned; this copy is what import
/// validation and the generator use without a round trip.
/// </summary>
public sealed class ReferenceData
{
    /// <summary>Version label stored with the rows in PostgreSQL; bump when a file changes.</summary>
    public const string CurrentVersion = "2025-07-01";
    public static readonly DateOnly CurrentEffectiveFrom = new(2025, 7, 1);
    public const string HueProvinceCode = "46";

    static readonly Lazy<ReferenceData> Embedded = new(Load);
    public static ReferenceData Current => Embedded.Value;

    public required IReadOnlyList<Province> Provinces { get; init; }
    public required FrozenDictionary<string, Commune> Communes { get; init; }
    public required FrozenDictionary<string, CccdProvinceCode> CccdProvinceCodes { get; init; }
    public required FrozenDictionary<string, LandUseCodeInfo> LandUseCodes { get; init; }

    public IEnumerable<Commune> CommunesOf(string provinceCode) =>
        Communes.Values.Where(c => c.ProvinceCode == provinceCode).OrderBy(c => c.Code, StringComparer.Ordinal);

    static ReferenceData Load() => new()
    {
        Provinces = ReadCsv("provinces-2025.csv")
            .Select(f => new Province(f[0], f[1], f[2], int.Parse(f[3], CultureInfo.InvariantCulture)))
            .ToList(),
        Communes = ReadCsv("communes-2025.csv")
            .Select(f => new Commune(f[0], f[1], f[2], f[3]))
            .ToFrozenDictionary(c => c.Code, StringComparer.Ordinal),
        CccdProvinceCodes = ReadText("cccd-province-codes.txt")
            .Where(line => !line.StartsWith('#') && line.Length > 0)
            .SelectMany(line => line.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(entry => new CccdProvinceCode(entry[..3], entry[4..]))
            .ToFrozenDictionary(c => c.Code, StringComparer.Ordinal),
        LandUseCodes = ReadCsv("land-use-codes.csv")
            .Select(f => new LandUseCodeInfo(f[0], f[1], f[2],
                f[3] == "legacy" ? LandUseStatus.Legacy : LandUseStatus.Current,
                f[4].Length == 0 ? null : f[4]))
            .ToFrozenDictionary(c => c.Code, StringComparer.Ordinal),
    };

    // The embedded files hold no quoted fields, so a plain split is exact.
    static IEnumerable<string[]> ReadCsv(string name) => ReadText(name).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','));

    static IEnumerable<string> ReadText(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"LandQuality.Reference.{name}")
            ?? throw new InvalidOperationException($"Embedded reference file {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
    }
}
