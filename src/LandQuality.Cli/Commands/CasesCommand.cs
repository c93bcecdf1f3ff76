using System.CommandLine;
using System.Globalization;
using LandQuality.Review.Cases;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq cases open | stats | sweep</c>: review cases of failing parcels.</summary>
public static class CasesCommand
{
    public static Command Create()
    {
        var cases = new Command("cases", "Review cases: one per failing parcel, routed commune → department → police.");

        var limit = new Option<int?>("--limit") { Description = "Open at most this many, worst parcels first (work in waves)." };
        var open = new Command("open", "Open a case for every parcel failing its latest evaluation (idempotent).");
        open.Options.Add(limit);
        open.SetAction(async (parse, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            var opened = await new CaseOpener(database).OpenAsync(CliDatabase.ImportedBy, ct, limit: parse.GetValue(limit));
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{opened:N0} case(s) opened.");
            return 0;
        });

        var stats = new Command("stats", "Cases per status, stage and commune.");
        stats.SetAction(async (_, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            await using var cmd = database.DataSource.CreateCommand("""
                SELECT rc.commune_code, c.name, rc.status, rc.stage, count(*) FROM review_cases rc
                LEFT JOIN communes c ON c.code = rc.commune_code AND c.version = (SELECT max(version) FROM reference_versions)
                GROUP BY 1, 2, 3, 4 ORDER BY 1, 3, 4
                """);
            var table = new Table().AddColumns("commune", "name", "status", "stage", "cases");
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                table.AddRow(r.GetString(0), r.IsDBNull(1) ? "" : r.GetString(1), r.GetString(2).ToLowerInvariant(), r.GetString(3),
                    r.GetInt64(4).ToString("N0", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            return 0;
        });

        var sweep = new Command("sweep", "Escalate overdue tasks and finish automatic stages left by a crash (safe on many nodes).");
        sweep.SetAction(async (_, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            var result = await new ReviewSweep(database).RunOnceAsync(CliDatabase.ImportedBy, DateTimeOffset.UtcNow, ct);
            AnsiConsole.WriteLine(result.Ran
                ? $"{result.Escalated} task(s) escalated, {result.AutomaticResumed} automatic stage(s) finished."
                : "Another node is sweeping; nothing done.");
            return 0;
        });

        cases.Subcommands.Add(open);
        cases.Subcommands.Add(stats);
        cases.Subcommands.Add(sweep);
        return cases;
    }
}
