using LandQuality.Generation;
using LandQuality.Interchange;

namespace LandQuality.Tests.Generation;

/// <summary>One generated data set, parsed with the test reader, shared by a test class (generation takes well under a second).</summary>
public sealed class GeneratedDataSet : IDisposable
{
    public const int ParcelCount = 20_000;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "lq-gen-" + Guid.NewGuid().ToString("N"));
    public GenerationSummary Summary { get; }
    public string[] ParcelHeader { get; }
    public List<string[]> Parcels { get; }
    public ILookup<string, string[]> OwnersByParcel { get; }
    public List<string[]> Owners { get; }
    public Dictionary<string, string[]> PopulationById { get; }
    public List<string[]> Population { get; }
    public Dictionary<string, HashSet<string>> DefectsByParcel { get; }
    public List<string[]> Defects { get; }

    public GeneratedDataSet()
    {
        Summary = SyntheticDataGenerator.Generate(new GeneratorOptions { Parcels = ParcelCount, Seed = 42 }, Directory);
        var parcels = Read(InterchangeFiles.Parcels);
        ParcelHeader = parcels[0];
        Parcels = parcels[1..];
        Owners = Read(InterchangeFiles.Owners)[1..];
        OwnersByParcel = Owners.ToLookup(o => o[0], StringComparer.Ordinal);
        Population = Read(InterchangeFiles.Population)[1..];
        PopulationById = Population.ToDictionary(p => p[0], StringComparer.Ordinal);
        Defects = Read(InterchangeFiles.Defects)[1..];
        DefectsByParcel = Defects.GroupBy(d => d[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(d => d[1]).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public static int Column(string name) => Array.IndexOf(InterchangeFiles.ParcelColumns, name);

    public bool HasDefect(string parcelId, string kind) => DefectsByParcel.TryGetValue(parcelId, out var kinds) && kinds.Contains(kind);

    /// <summary>Parcels without any defect except the harmless name variant.</summary>
    public IEnumerable<string[]> CleanParcels => Parcels.Where(p =>
        !DefectsByParcel.TryGetValue(p[0], out var kinds) || kinds.All(DefectKinds.IsHarmless));

    public IEnumerable<string[]> ParcelsWith(string kind) => Parcels.Where(p => HasDefect(p[0], kind));

    List<string[]> Read(string file) => CsvTestReader.ReadFile(Path.Combine(Directory, file));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is not worth failing a test run for
        }
    }
}
