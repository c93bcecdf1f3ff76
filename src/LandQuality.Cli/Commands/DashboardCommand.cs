using System.CommandLine;
using System.Globalization;
using LandQuality.Progress;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq dashboard snapshot</c>: today's row per commune for the progress chart (a run's end takes one too).</summary>
public static class DashboardCommand
{
    public static Command Create()
    {
        var dashboard = new Command("dashboard", "The campaign dashboard's summaries and daily snapshots.");

        var recount = new Option<bool>("--recount") { Description = "Recount the summary from the parcels first (a few seconds at province scale), instead of folding in the changes since the last run." };
        var snapshot = new Command("snapshot", "Record today's figures per commune (Vietnam's date); run again the same day, it replaces that day's rows.");
        snapshot.Options.Add(recount);
        snapshot.SetAction(async (parse, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            if (parse.GetValue(recount))
                await CommuneProgress.RefreshAsync(database, null, ct);
            else
                await CommuneProgress.FoldChangesAsync(database, ct);
            var day = VietnamTime.Day(DateTimeOffset.UtcNow);
            var communes = await DailySnapshot.TakeAsync(database, day, ct);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Snapshot of {day:dd/MM/yyyy}: {communes:N0} commune(s).");
            return 0;
        });

        dashboard.Subcommands.Add(snapshot);
        return dashboard;
    }
}
