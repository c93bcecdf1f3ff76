using System.CommandLine;
using System.Data;
using System.Globalization;
using System.Text.Json;
using LandQuality.Data;
using LandQuality.Review.Cases;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq cases open | stats | sweep | show | reopen</c>: review cases of failing parcels.</summary>
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
                SELECT rc.commune_code, c.name, rc.status, rc.stage, count(*) AS cases FROM review_cases rc
                LEFT JOIN communes c ON c.code = rc.commune_code AND c.version = (SELECT max(version) FROM reference_versions)
                GROUP BY 1, 2, 3, 4 ORDER BY 1, 3, 4
                """);
            var table = new Table().AddColumns("commune", "name", "status", "stage", "cases");
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                table.AddRow(Markup.Escape(r.GetString("commune_code")), Markup.Escape(r.GetStringOrNull("name") ?? ""),
                    Markup.Escape(r.GetString("status").ToLowerInvariant()), Markup.Escape(r.GetString("stage")),
                    r.GetInt64("cases").ToString("N0", CultureInfo.InvariantCulture));
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

        var parcel = new Argument<string>("PARCEL_ID") { Description = "The parcel whose cases to show." };
        var json = new Option<bool>("--json") { Description = "Print the cases as JSON (an array, oldest first)." };
        var show = new Command("show", "A parcel's cases, oldest first, each with its tasks.");
        show.Arguments.Add(parcel);
        show.Options.Add(json);
        show.SetAction((parse, ct) => WithDatabase(async database =>
        {
            var list = await ParcelCases.LoadAsync(database, parse.GetValue(parcel)!, ct);
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(list, ReviewCommand.Json));
            else
                PrintCases(parse.GetValue(parcel)!, list);
        }, ct));

        var caseId = new Argument<long>("CASE") { Description = "The parked case to reopen (see cases show)." };
        var user = new Option<string>("--user") { Description = "A supervisor (reviewer user name) of the case's commune or province.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why the case goes back to work (kept in the parcel's audit chain).", Required = true };
        var reopen = new Command("reopen", "Supervisor: bring a parked case back to the workflow's first stage with a new task (round + 1).");
        reopen.Arguments.Add(caseId);
        reopen.Options.Add(user);
        reopen.Options.Add(reason);
        reopen.SetAction((parse, ct) => WithDatabase(async database =>
        {
            var reopened = await new CaseReopener(database).ReopenAsync(parse.GetValue(caseId), parse.GetValue(user)!, parse.GetValue(reason)!, ct);
            Console.WriteLine(JsonSerializer.Serialize(reopened, ReviewCommand.Json));
        }, ct));

        foreach (var c in new[] { open, stats, sweep, show, reopen })
            cases.Subcommands.Add(c);
        return cases;
    }

    /// <summary>Runs a command on the database; a refused request (no such parcel, not a supervisor) ends in CliFailure's one line.</summary>
    static async Task<int> WithDatabase(Func<Data.Database, Task> action, CancellationToken ct)
    {
        await using var database = await CliDatabase.OpenAsync(ct);
        await action(database);
        return 0;
    }

    static void PrintCases(string parcelId, IReadOnlyList<CaseView> cases)
    {
        if (cases.Count == 0)
        {
            AnsiConsole.WriteLine($"Parcel {parcelId} has no case.");
            return;
        }
        var inv = CultureInfo.InvariantCulture;
        foreach (var c in cases)
        {
            var closed = c.ClosedAt is { } at ? string.Create(inv, $"  closed {at:yyyy-MM-dd HH:mm}") : "";
            AnsiConsole.MarkupLineInterpolated(inv,
                $"[bold]case {c.Id}[/]  {c.Status} at {c.Stage}  {c.WorkflowId} v{c.WorkflowVersion}  round {c.Round}  opened {c.OpenedAt:yyyy-MM-dd HH:mm} by {c.OpenedBy}{closed}");
            var table = new Table().AddColumns("task", "stage", "status", "role", "jurisdiction", "rev", "claimed by", "decision", "reason");
            foreach (var t in c.Tasks)
                table.AddRow(Markup.Escape(t.Id.ToString(inv)), Markup.Escape(t.Stage), Markup.Escape(t.Status), Markup.Escape(t.Role), Markup.Escape(t.Jurisdiction),
                    t.Revision.ToString(inv), Markup.Escape(t.ClaimedBy ?? ""), Markup.Escape(t.Decision ?? ""), Markup.Escape(t.Reason ?? ""));
            AnsiConsole.Write(table);
        }
    }
}
