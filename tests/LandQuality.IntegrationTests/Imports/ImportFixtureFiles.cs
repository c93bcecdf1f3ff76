using System.Text;
using LandQuality.Interchange;

namespace LandQuality.IntegrationTests.Imports;

/// <summary>Writes small interchange files into a temp folder for one test.</summary>
sealed class ImportFixtureFiles : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"lq-import-{Guid.NewGuid():N}");

    public ImportFixtureFiles() => System.IO.Directory.CreateDirectory(Directory);

    public ImportFixtureFiles Parcels(params string[] rows) => Write(InterchangeFiles.Parcels, InterchangeFiles.ParcelColumns, rows);
    public ImportFixtureFiles Owners(params string[] rows) => Write(InterchangeFiles.Owners, InterchangeFiles.OwnerColumns, rows);
    public ImportFixtureFiles Population(params string[] rows) => Write(InterchangeFiles.Population, InterchangeFiles.PopulationColumns, rows);

    public ImportFixtureFiles Write(string file, IEnumerable<string> header, IEnumerable<string> rows)
    {
        File.WriteAllText(Path.Combine(Directory, file), string.Join(',', header) + "\n" + string.Join("\n", rows) + "\n",
            new UTF8Encoding(false));
        return this;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
