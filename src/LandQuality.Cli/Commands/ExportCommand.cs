using System.CommandLine;
using System.Globalization;
using LandQuality.Exports;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq export --changed-since DATE --out DIR</c>: the parcels cleaned since a day, for the national land database.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var since = new Option<string>("--changed-since")
        {
            Description = "First day (Vietnam time) whose verified cases and applied corrections are exported: YYYY-MM-DD or dd/MM/yyyy.",
            Required = true,
        };
        var output = new Option<DirectoryInfo>("--out") { Description = "A new (or empty) folder for the files and manifest.json.", Required = true };
        var command = new Command("export",
            "Export parcels verified or corrected since a day in the interchange CSV (parcels, owners), with each parcel's chain head and a " +
            "manifest (row counts, SHA-256 of each file, rule-set version, the history's anchor).")
        {
            Options = { since, output },
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!TryDay(parse.GetValue(since)!, out var day))
            {
                await Console.Error.WriteLineAsync($"Ngày \"{parse.GetValue(since)}\" không hợp lệ: viết YYYY-MM-DD hoặc dd/MM/yyyy. — " +
                    "Not a day: write YYYY-MM-DD or dd/MM/yyyy.");
                return CliFailure.Failed;
            }
            await using var database = await CliDatabase.OpenAsync(ct);
            var folder = parse.GetValue(output)!.FullName;
            var manifest = await new NationalExport(database).WriteAsync(day, folder, ct);
            var table = new Table().AddColumns("tệp / file", "dòng / rows", "SHA-256");
            foreach (var f in manifest.Files)
                table.AddRow(Markup.Escape(f.Name), f.Rows.ToString("N0", CultureInfo.InvariantCulture), f.Sha256);
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"Đã xuất {manifest.Parcels:N0} thửa thay đổi từ {day:dd/MM/yyyy} vào {folder} (bộ quy tắc {manifest.RuleSet.Name} v{manifest.RuleSet.Version}). — Exported {manifest.Parcels:N0} parcels changed since {day:yyyy-MM-dd}.");
            return 0;
        });
        return command;
    }

    internal static bool TryDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
