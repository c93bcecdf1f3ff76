using Hangfire;
using System.Globalization;
using System.CommandLine;
using LandQuality.Data;
using LandQuality.Imports;
using LandQuality.Interchange;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq import DIR</c>: load parcels.csv, owners.csv and population.csv into PostgreSQL.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("DIR") { Description = "Folder holding parcels.csv, owners.csv and/or population.csv." };
        var report = new Option<FileInfo?>("--rejects")
        {
            Description = "Where to write the reject report (CSV). Default: .lq/reports/import-<id>-rejects.csv when any row is refused.",
        };
        var noEvaluate = new Option<bool>("--no-evaluate")
        {
            Description = "Do not evaluate afterwards. By default the parcels the import changed are evaluated (lq evaluate --changed) and their cases opened or closed.",
        };
        var command = new Command("import", "Import interchange CSV files (binary COPY, upsert by key; bad rows go to a reject report), then evaluate what changed.");
        command.Arguments.Add(dir);
        command.Options.Add(report);
        command.Options.Add(noEvaluate);
        var background = new Option<bool>("--background")
        {
            Description = "Queue the import for the workers (lq worker, lq serve) and print {\"job_id\": …}; DIR must be readable by every worker (a share). The reject report is written into DIR.",
        };
        command.Options.Add(background);
        command.SetAction(async (parse, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            if (parse.GetValue(background))
            {
                var directory = parse.GetValue(dir)!;
                if (!directory.Exists)
                    throw new DirectoryNotFoundException($"Không có thư mục {directory.FullName}. — There is no folder {directory.FullName}.");
                var id = Jobs.JobQueue.Client(database).Enqueue<Jobs.ImportJobs>(j => j.ImportAsync(directory.FullName, CliDatabase.ImportedBy, !parse.GetValue(noEvaluate), CancellationToken.None));
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { JobId = id }, EvaluateCommand.JsonOptions));
                return 0;
            }
            await RunAsync(database, parse.GetValue(dir)!.FullName, parse.GetValue(report)?.FullName, ct);
            if (!parse.GetValue(noEvaluate))
                ChangedEvaluation.Print(await AfterImportEvaluation.RunAsync(database, CliDatabase.ImportedBy, ct));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Imports with a progress bar and prints the summary. Files that cannot be read at all (no interchange file,
    /// a broken header) are refused with an <see cref="InterchangeFormatException"/>, which ends in CliFailure's one line.
    /// </summary>
    internal static async Task<ImportSummary> RunAsync(Database database, string directory, string? reportPath, CancellationToken ct)
    {
        var summary = await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("import", maxValue: 1);
                var progress = new Progress<ImportProgress>(p =>
                {
                    task.Description = Markup.Escape(p.FileName);
                    task.MaxValue = p.TotalBytes;
                    task.Value = p.BytesRead;
                });
                var result = await new Importer(database).RunAsync(directory, CliDatabase.ImportedBy, progress, ct);
                task.Value = task.MaxValue;
                return result;
            });

        var table = new Table().AddColumns("file", "read", "loaded", "rejected", "new", "changed", "unchanged");
        foreach (var f in summary.Files)
            table.AddRow(Markup.Escape(f.FileName), $"{f.RowsRead:N0}", $"{f.RowsLoaded:N0}", $"{f.RowsRejected:N0}", $"{f.Inserted:N0}",
                $"{f.Updated:N0}", $"{f.Unchanged:N0}");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Import #{summary.ImportId} finished in {summary.Elapsed.TotalSeconds:F1} s.");
        if (summary.Warning is { } warning)
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[yellow]{warning}[/]");
        if (summary.RowsRejected > 0)
        {
            reportPath ??= Path.Combine(CliDatabase.Home, "reports", $"import-{summary.ImportId}-rejects.csv");
            await RejectReport.WriteAsync(database.Batch, summary.ImportId, reportPath, ct);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[yellow]{summary.RowsRejected:N0} row(s) refused[/]; reasons by line in {reportPath}");
        }
        return summary;
    }
}
