using LandQuality.Generation;
using LandQuality.Imports;
using LandQuality.Interchange;

namespace LandQuality.IntegrationTests.Rules;

/// <summary>
/// A test database holding a small generated Huế data set (imported) and its ground truth, shared by
/// the tests of one class.
/// </summary>
public sealed class GeneratedDataSet : IAsyncLifetime
{
    public const int Parcels = 3000;
    readonly TestDatabase _db = new();
    readonly string _dir = Path.Combine(Path.GetTempPath(), $"lq-gen-{Guid.NewGuid():N}");

    public TestDatabase Db => _db;

    /// <summary>The generated interchange files, for tests that import them again elsewhere.</summary>
    public string Directory => _dir;

    /// <summary>parcel id → injected defect kinds (from defects.csv).</summary>
    public Dictionary<string, HashSet<string>> Defects { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        SyntheticDataGenerator.Generate(new GeneratorOptions { Parcels = Parcels, Seed = 7 }, _dir);
        await new Importer(_db.Database).RunAsync(_dir, "test", null, CancellationToken.None);
        foreach (var line in File.ReadLines(Path.Combine(_dir, InterchangeFiles.Defects)).Skip(1))
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            var id = line[..comma];
            if (!Defects.TryGetValue(id, out var kinds))
                Defects[id] = kinds = new HashSet<string>(StringComparer.Ordinal);
            kinds.Add(line[(comma + 1)..]);
        }
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        System.IO.Directory.Delete(_dir, recursive: true);
    }
}
