using System.Globalization;
using LandQuality.Generation;
using Spectre.Console;

namespace LandQuality.Cli;

/// <summary>
/// Generated data sets kept under LQ_HOME/data, one folder per size and seed, so the demo and the
/// benchmarks generate each set once. A set counts only when its generation finished (marker file).
/// </summary>
static class DemoData
{
    const string CompleteMarker = ".complete";

    public static string EnsureGenerated(int parcels, long seed, CancellationToken ct)
    {
        var dir = Path.Combine(CliDatabase.Home, "data", $"hue-{parcels}-seed{seed}");
        if (File.Exists(Path.Combine(dir, CompleteMarker)))
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Using generated data in {dir}");
            return dir;
        }
        Directory.CreateDirectory(dir);
        var options = new GeneratorOptions { Parcels = parcels, Seed = seed };
        var summary = AnsiConsole.Progress().Start(ctx =>
        {
            var task = ctx.AddTask("generate", maxValue: parcels);
            return SyntheticDataGenerator.Generate(options, dir, new Progress<long>(done => task.Value = done), ct);
        });
        File.WriteAllText(Path.Combine(dir, CompleteMarker), $"{summary.Parcels} parcels\n");
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Generated {summary.Parcels:N0} parcels, {summary.OwnerRows:N0} owner rows, {summary.PopulationRecords:N0} registry records in {dir}");
        return dir;
    }

    /// <summary>The repository's docs/benchmarks.md (LQ_REPO is set by the ./lq wrapper), else under the current folder.</summary>
    public static string BenchmarksFile =>
        Path.Combine(Environment.GetEnvironmentVariable("LQ_REPO") is { Length: > 0 } repo ? repo : Directory.GetCurrentDirectory(),
            "docs", "benchmarks.md");
}
