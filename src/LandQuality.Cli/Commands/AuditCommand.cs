using System.CommandLine;
using System.Globalization;
using LandQuality.Audit;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq audit verify | checkpoint | show PARCEL</c>: the auditor's view.</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var audit = new Command("audit", "Check and read the append-only, hash-chained history.");
        audit.Subcommands.Add(Verify());
        audit.Subcommands.Add(Checkpoint());
        audit.Subcommands.Add(Show());
        return audit;
    }

    static Command Verify()
    {
        var parcel = new Option<string>("--parcel") { Description = "Check one parcel: its chain, the rows that name it, its fields." };
        var against = new Option<FileInfo>("--against")
        {
            Description = "A checkpoint file (lq audit checkpoint): the history up to it must be the one it recorded.",
        };
        var verify = new Command("verify",
            "Recompute every history entry's hash and check the chains; check that every case, task, correction, import and verdict has its " +
            "entries and every entry names what exists; compare each parcel's fields with the state its chain last recorded. Exit 1 on any problem.")
        {
            Options = { parcel, against },
        };
        verify.SetAction(async (parse, ct) =>
        {
            var options = new VerifyOptions { Parcel = parse.GetValue(parcel) };
            if (parse.GetValue(against) is { } file)
            {
                if (options.Parcel is not null)
                    return Fail("--against checks the whole history; leave out --parcel.");
                try
                {
                    options = options with { Against = AuditCheckpoint.Read(file.FullName) };
                }
                catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    return Fail(e.Message);
                }
            }
            await using var database = await CliDatabase.OpenAsync(ct);
            var result = await AuditVerifier.VerifyAsync(database.Batch, options, ct);
            Print(result);
            return result.Intact ? 0 : 1;
        });
        return verify;
    }

    static Command Checkpoint()
    {
        var output = new Option<FileInfo>("--out") { Description = "Where to write the checkpoint: keep it outside the database's machine.", Required = true };
        var checkpoint = new Command("checkpoint",
            "Write an anchor over every chain (last entry id, a digest of every chain's last entry) to a file kept outside the database; " +
            "lq audit verify --against FILE later proves the history up to it unchanged.")
        {
            Options = { output },
        };
        checkpoint.SetAction(async (parse, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            var (taken, result) = await AuditCheckpoint.TakeAsync(database.Batch, ct);
            if (taken is null)
            {
                Print(result);
                return Fail("the history is already broken: no checkpoint written.");
            }
            var file = parse.GetValue(output)!;
            await File.WriteAllTextAsync(file.FullName, taken.ToJson() + Environment.NewLine, ct);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"Checkpoint of {taken.Entries:N0} entries in {taken.Chains:N0} chains (up to entry #{taken.LastEntryId}) written to {file.FullName}: keep it outside the database.");
            return 0;
        });
        return checkpoint;
    }

    static Command Show()
    {
        var parcel = new Argument<string>("PARCEL_ID");
        var lang = CliLanguage.Option();
        var show = new Command("show", "A parcel's full cleaning history: import, evaluations, review steps, field changes — who and when.")
        {
            Arguments = { parcel },
            Options = { lang },
        };
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
                return Fail(e.Message);
            }
        });
        return show;
    }

    /// <summary>
    /// The first problems, then one line per check. Names and texts come from the database: every one is
    /// escaped, and the markup is built around the escaped text, never interpolated into it.
    /// </summary>
    static void Print(VerificationResult result)
    {
        foreach (var b in result.Breaks.Take(50))
        {
            var where = b.ParcelId.Length == 0 ? "" : b.Seq > 0 ? $"{b.ParcelId} entry {b.Seq}" : b.ParcelId;
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(Label(b.Check))}{(where.Length > 0 ? " " + Markup.Escape(where) : "")}:[/] {Markup.Escape(b.Problem)}");
        }
        if (result.BreakCount > 50)
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"… and {result.BreakCount - 50:N0} more problem(s).")));
        var verdict = result.Intact
            ? "[green]intact[/]"
            : $"[red]{Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{result.BreakCount:N0} problem(s)"))}[/]";
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{result.Events:N0} entries in {result.Parcels:N0} chains: ")) + verdict);
        if (result.RowsCrossChecked > 0)
            Line($"cross-checks: {result.RowsCrossChecked:N0} cases, tasks and corrections, and every parcel's imports and verdict, against their entries");
        if (result.FieldsNotRecorded > 0)
            Line($"fields: {result.FieldsCompared:N0} parcels compared with the state their chain last recorded; {result.FieldsNotRecorded:N0} not compared (their history records no state)");
        else if (result.FieldsCompared > 0)
            Line($"fields: {result.FieldsCompared:N0} parcels compared with the state their chain last recorded");
        if (result.Checkpoint is { } c)
            Line($"checkpoint: {c.Entries:N0} entries in {c.Chains:N0} chains up to entry #{c.LastEntryId}, taken {c.TakenAt:yyyy-MM-dd HH:mm:ss} UTC");
    }

    static string Label(AuditCheck check) => check switch
    {
        AuditCheck.Chain => "chain",
        AuditCheck.Checkpoint => "checkpoint",
        AuditCheck.CrossCheck => "cross-check",
        _ => "fields",
    };

    static void Line(FormattableString text) => AnsiConsole.MarkupLine(Markup.Escape(text.ToString(CultureInfo.InvariantCulture)));

    static int Fail(string message)
    {
        Console.Error.WriteLine($"lq audit: {message}");
        return 1;
    }
}
