using System.CommandLine;
using System.Globalization;
using LandQuality.Audit;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq audit verify | show PARCEL</c>: the auditor's view.</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var audit = new Command("audit", "Check and read the append-only, hash-chained history.");

        var verify = new Command("verify", "Recompute every history entry's hash and check the chains; exit 1 when anything was altered or removed.");
        verify.SetAction(async (_, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            var result = await AuditVerifier.VerifyAsync(database.DataSource, ct);
            foreach (var b in result.Breaks.Take(50))
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{b.ParcelId} entry {b.Seq}:[/] {b.Problem}");
            // Markup inside an interpolated value would be escaped and printed as text: each outcome has its own line.
            if (result.Intact)
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{result.Events:N0} entries in {result.Parcels:N0} chains: [green]intact[/]");
            else
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                    $"{result.Events:N0} entries in {result.Parcels:N0} chains: [red]{result.Breaks.Count} break(s)[/]");
            return result.Intact ? 0 : 1;
        });

        var parcel = new Argument<string>("PARCEL_ID");
        var show = new Command("show", "A parcel's full cleaning history: import, evaluations, review steps, field changes — who and when.");
        var lang = CliLanguage.Option();
        show.Arguments.Add(parcel);
        show.Options.Add(lang);
        show.SetAction(async (parse, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            try
            {
                var en = parse.GetValue(lang) == "en";
                var table = new Table().AddColumns(en ? "when (UTC)" : "thời điểm (UTC)", en ? "who" : "người thực hiện", en ? "what" : "bước",
                    en ? "details" : "nội dung");
                foreach (var l in await ParcelHistory.LoadAsync(database, parse.GetValue(parcel)!, ct, en ? "en" : "vi"))
                    table.AddRow(l.At.UtcDateTime.ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture), Markup.Escape(l.Actor),
                        Markup.Escape(l.Kind), Markup.Escape(l.Details));
                AnsiConsole.Write(table);
                return 0;
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync($"lq audit: {e.Message}");
                return 1;
            }
        });

        audit.Subcommands.Add(verify);
        audit.Subcommands.Add(show);
        return audit;
    }
}
