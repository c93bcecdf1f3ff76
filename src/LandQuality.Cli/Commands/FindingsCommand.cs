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
        var export = new Command("export", "Write parcel_id,rule,dimension,severity,message as CSV.");
        export.Options.Add(output);
        export.Options.Add(run);
        export.SetAction(async (parse, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            var runId = parse.GetValue(run);
            // Only numbers are formatted into the statement (COPY takes no parameters).
            var select = runId is { } id
                ? $"SELECT parcel_id, rule_name AS rule, dimension, severity, message FROM findings WHERE run_id = {id} ORDER BY parcel_id, rule_name"
                : "SELECT f.parcel_id, f.rule_name AS rule, f.dimension, f.severity, f.message FROM findings f " +
                  "JOIN parcel_status s ON s.parcel_id = f.parcel_id AND s.run_id = f.run_id ORDER BY f.parcel_id, f.rule_name";
            var path = parse.GetValue(output)!.FullName;
            await CsvExport.ToFileAsync(database.DataSource, select, path, ct);
            AnsiConsole.WriteLine($"Findings written to {path}");
            return 0;
        });
        findings.Subcommands.Add(export);
        return findings;
    }
}
