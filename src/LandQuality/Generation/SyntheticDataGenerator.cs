namespace LandQuality.Generation;

/// <summary>
/// Generates a synthetic Huế land-registry data set in the canonical interchange format
/// (parcels.csv, owners.csv, population.csv) with injected defects and their ground truth
/// (defects.csv). The same options give byte-identical files, whatever the thread count.
/// </summary>
public static class SyntheticDataGenerator
{
    /// <param name="progress">Receives the number of parcels written so far.</param>
    public static GenerationSummary Generate(GeneratorOptions options, string outDir, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        options.Validate();
        var plan = GenerationPlanner.Build(options, ct);
        using (var files = new OutputFiles(outDir))
        {
            long written = 0;
            OrderedChunks.Run(ParcelChunkRenderer.ChunkCount(plan), options.MaxDegreeOfParallelism,
                () => new ParcelChunkRenderer(plan), files,
                renderer => progress?.Report(written += renderer.Rendered), ct);
            OrderedChunks.Run(PopulationChunkRenderer.ChunkCount(plan), options.MaxDegreeOfParallelism,
                () => new PopulationChunkRenderer(plan), files, written: null, ct);
            MalformedRows.Append(files, options.MalformedRows, plan.Communes[0]);
        }
        return plan.Summarize(options.MalformedRows);
    }
}
