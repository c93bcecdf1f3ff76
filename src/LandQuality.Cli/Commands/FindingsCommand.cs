using System.CommandLine;
using LandQuality.Data;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq findings export</c>: the current findings (each parcel's latest evaluation) as CSV.</summary>
public static class FindingsCommand
{
    public static Command Create()
    {
        var findings = new Command("findings", "Findings of evaluations.");
        var output = new Option<FileInfo>("--out") { Description = "CSV file to write.", Required = true };
        var run = new Option<long?>("--run") { Description = "Findings of this run instead of each parcel's latest." };
        var lang = CliLanguage.Option();
        var export = new Command("export", "Write parcel_id,rule,dimension,severity,message,detail as CSV (message in Vietnamese; --lang en for English).");
        export.Options.Add(output);
        export.Options.Add(run);
        export.Options.Add(lang);
        export.SetAction(async (parse, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            var runId = parse.GetValue(run);
            // Only numbers and a fixed column name are formatted into the statement (COPY takes no parameters).
            // The message people read, in their language; the rule's technical message (RulesEngine's) as detail.
            var message = parse.GetValue(lang) == "en" ? "coalesce(f.message_en, f.message)" : "coalesce(f.message_vi, f.message)";
            var columns = $"f.parcel_id, f.rule_name AS rule, f.dimension, f.severity, {message} AS message, f.message AS detail";
            var select = runId is { } id
                ? $"SELECT {columns} FROM findings f WHERE f.run_id = {id} ORDER BY f.parcel_id, f.rule_name"
                : $"SELECT {columns} FROM findings f " +
                  "JOIN parcel_status s ON s.parcel_id = f.parcel_id AND s.run_id = f.run_id ORDER BY f.parcel_id, f.rule_name";
            var path = parse.GetValue(output)!.FullName;
            await CsvExport.ToFileAsync(database.Batch, select, path, ct);
            AnsiConsole.WriteLine($"Findings written to {path}");
            return 0;
        });
        findings.Subcommands.Add(export);
        return findings;
    }
}
