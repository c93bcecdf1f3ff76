using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LandQuality.Generation;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq generate</c>: a synthetic land-registry data set (Huế unless <c>--province</c> says otherwise) with injected defects and their ground truth.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var parcels = new Option<int>("--parcels") { Description = "Number of parcels to generate.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "Random seed; the same options and seed give byte-identical files.", DefaultValueFactory = _ => 1 };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Directory to write parcels.csv, owners.csv, population.csv and defects.csv to.", Required = true };
        var defectRate = new Option<double>("--defect-rate")
        {
            Description = "Share of parcels with at least one defect (Huế 2024: 51.4 % complete, so 0.486).",
            DefaultValueFactory = _ => GeneratorOptions.HueDefectRate,
        };
        var malformedRows = new Option<int>("--malformed-rows") { Description = "Structurally broken rows to append for import demos (not in defects.csv).", DefaultValueFactory = _ => 0 };
        var provinces = new Option<string[]>("--province")
        {
            Description = "A 2025 province code (01 Hà Nội … 96 Cà Mau; default 46 Huế); repeat it to spread the parcels over several provinces in one data set.",
            AllowMultipleArgumentsPerToken = true,
        };
        var threads = new Option<int>("--threads") { Description = "Worker threads (the output does not depend on it).", DefaultValueFactory = _ => Environment.ProcessorCount };

        var command = new Command("generate", "Generate synthetic land-registry data (Huế, or any 2025 provinces) in the interchange format, with injected defects.");
        command.Options.Add(parcels);
        command.Options.Add(seed);
        command.Options.Add(outDir);
        command.Options.Add(defectRate);
        command.Options.Add(malformedRows);
        command.Options.Add(provinces);
        command.Options.Add(threads);
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var options = new GeneratorOptions
            {
                Parcels = pr.GetValue(parcels),
                Seed = pr.GetValue(seed),
                Provinces = pr.GetValue(provinces) is { Length: > 0 } codes ? codes : [Reference.ReferenceData.HueProvinceCode],
                DefectRate = pr.GetValue(defectRate),
                MalformedRows = pr.GetValue(malformedRows),
                MaxDegreeOfParallelism = pr.GetValue(threads),
            };
            options.Validate(); // an option out of range ends in CliFailure's one line
            var directory = pr.GetValue(outDir)!.FullName;
            var stopwatch = Stopwatch.StartNew();
            var summary = await Run(options, directory, ct);
            Print(summary, directory, stopwatch.Elapsed);
            return 0;
        });
        return command;
    }

    static Task<GenerationSummary> Run(GeneratorOptions options, string directory, CancellationToken ct) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Generating {Count(options.Parcels)} parcels", maxValue: Math.Max(1, options.Parcels));
                var summary = await Task.Run(() => SyntheticDataGenerator.Generate(options, directory, new TaskProgress(task), ct), ct);
                task.Value = task.MaxValue;
                return summary;
            });

    static void Print(GenerationSummary summary, string directory, TimeSpan elapsed)
    {
        var table = new Table().AddColumn("").AddColumn(new TableColumn("count").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
        table.AddRow("parcels", Count(summary.Parcels), "");
        table.AddRow("owner rows", Count(summary.OwnerRows), "");
        table.AddRow("distinct owners", Count(summary.OwnerPeople), "");
        table.AddRow("population records", Count(summary.PopulationRecords), "");
        table.AddRow("[bold]parcels with defects[/]", Count(summary.ParcelsWithDefects), Share(summary.DefectShare));
        foreach (var kind in DefectKinds.All)
        {
            var count = summary.DefectsByKind[kind];
            var label = DefectKinds.IsHarmless(kind) ? $"  {kind} (harmless)" : $"  {kind}";
            table.AddRow(Markup.Escape(label), Count(count), Share(summary.Parcels == 0 ? 0 : (double)count / summary.Parcels));
        }
        if (summary.MalformedRows > 0)
            table.AddRow("malformed rows", Count(summary.MalformedRows), "");
        table.AddRow("elapsed seconds", elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture), "");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Written to [bold]{directory}[/]");
    }

    static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
    static string Share(double value) => value.ToString("P1", CultureInfo.InvariantCulture);

    /// <summary>Forwards parcels written to the progress bar (Spectre's task is safe to update from the writer thread).</summary>
    sealed class TaskProgress(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = value;
    }
}
