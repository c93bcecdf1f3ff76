using LandQuality.Interchange;

namespace LandQuality.Generation;

/// <summary>The four files of a generated data set, each opened with its header row (UTF-8, no BOM, LF).</summary>
internal sealed class OutputFiles : IDisposable
{
    public static readonly string[] DefectColumns = ["parcel_id", "defect"];
    const int BufferSize = 1 << 20;

    public FileStream Parcels { get; }
    public FileStream Owners { get; }
    public FileStream Population { get; }
    public FileStream Defects { get; }

    public OutputFiles(string directory)
    {
        Directory.CreateDirectory(directory);
        Parcels = Open(directory, InterchangeFiles.Parcels, InterchangeFiles.ParcelColumns);
        Owners = Open(directory, InterchangeFiles.Owners, InterchangeFiles.OwnerColumns);
        Population = Open(directory, InterchangeFiles.Population, InterchangeFiles.PopulationColumns);
        Defects = Open(directory, InterchangeFiles.Defects, DefectColumns);
    }

    static FileStream Open(string directory, string name, string[] columns)
    {
        var stream = new FileStream(Path.Combine(directory, name), FileMode.Create, FileAccess.Write, FileShare.Read, BufferSize);
        var header = new CsvFieldWriter(256);
        header.Header(columns);
        stream.Write(header.EncodeUtf8());
        return stream;
    }

    public void Dispose()
    {
        Parcels.Dispose();
        Owners.Dispose();
        Population.Dispose();
        Defects.Dispose();
    }
}

/// <summary>
/// Renders chunks in parallel and writes them strictly in order. Two sets of renderers alternate:
/// while one wave of chunks is written out, the next is rendered.
/// </summary>
internal static class OrderedChunks
{
    public static void Run<TRenderer>(int chunkCount, int parallelism, Func<TRenderer> create, OutputFiles files,
        Action<TRenderer>? written, CancellationToken ct) where TRenderer : IChunkRenderer
    {
        var waveSize = parallelism * 2;
        var sets = new TRenderer[2][];
        for (var s = 0; s < 2; s++)
        {
            sets[s] = new TRenderer[Math.Min(waveSize, Math.Max(chunkCount, 1))];
            for (var i = 0; i < sets[s].Length; i++)
                sets[s][i] = create();
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct };
        Task pending = Task.CompletedTask;
        for (int start = 0, wave = 0; start < chunkCount; start += waveSize, wave++)
        {
            var set = sets[wave % 2];
            var count = Math.Min(waveSize, chunkCount - start);
            var first = start;
            Parallel.For(0, count, options, i => set[i].Render(first + i));
            pending.GetAwaiter().GetResult();
            pending = Task.Run(() =>
            {
                for (var i = 0; i < count; i++)
                {
                    set[i].WriteTo(files);
                    written?.Invoke(set[i]);
                }
            }, ct);
        }
        pending.GetAwaiter().GetResult();
    }
}
