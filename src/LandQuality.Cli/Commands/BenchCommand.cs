using System.Globalization;
using System.CommandLine;
using LandQuality.Benchmarks;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq bench …</c>: measurements against the obvious alternative, in one run, written to docs/benchmarks.md.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks; each writes its section of docs/benchmarks.md.");
        bench.Subcommands.Add(Import());
        return bench;
    }

    static Command Import()
    {
        var parcels = new Option<int>("--parcels") { Description = "Parcels to generate and load.", DefaultValueFactory = _ => 1_120_000 };
        var command = new Command("import", "Time `lq import` against a raw COPY of the same files into unindexed tables.");
        command.Options.Add(parcels);
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(parcels);
            var dir = DemoData.EnsureGenerated(n, seed: 1, ct);
            await using var database = await CliDatabase.OpenAsync(ct);
            var result = await ImportBenchmark.RunAsync(database.ConnectionString, dir, line => AnsiConsole.WriteLine(line), ct);
            var markdown = ImportBenchmark.ToMarkdown(result, $"lq bench import --parcels {n}");
            BenchmarkReport.WriteSection(DemoData.BenchmarksFile, "import", markdown);
            AnsiConsole.WriteLine(markdown);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Written to {DemoData.BenchmarksFile}");
            return 0;
        });
        return command;
    }
}
