using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LandQuality.Rules.Runs;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq evaluate</c>: every parcel (or a commune, or a parcel) under a published rule-set version.</summary>
public static class EvaluateCommand
{
    /// <summary>How the commands' <c>--json</c> prints: indented, snake_case names (dictionary keys as written).</summary>
    internal static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var ruleSet = new Option<string>("--rule-set") { Description = "Rule set to evaluate.", DefaultValueFactory = _ => "default" };
        var version = new Option<int?>("--version") { Description = "A published or retired version (default: the published one). Only the published version of the rule set in force sets the parcels' verdicts; other runs keep their findings under the run." };
        var commune = new Option<string?>("--commune") { Description = "Only this commune (5-digit code)." };
        var parcel = new Option<string?>("--parcel") { Description = "Only this parcel." };
        var resume = new Option<long?>("--resume") { Description = "Resume this unfinished run after its last stored parcel, with the run's own version and scope." };
        var changed = new Option<bool>("--changed")
        {
            Description = "Only the parcels whose facts changed since the last completed run of the published version (their rows, owners, "
                + "owners' registry records, shared keys and ID numbers); a full run when there is none, or after a new version or new reference data.",
        };
        var json = new Option<bool>("--json") { Description = "Print a machine-readable summary." };
        var background = new Option<bool>("--background") { Description = "Queue the run for the workers (lq worker, lq serve), split into partitions, and print {\"run_id\": N}; follow it with lq runs show N." };
        var openCases = new Option<bool>("--open-cases") { Description = "With --background: open review cases for failing parcels once the run completes." };
        var lang = CliLanguage.Option();
        var command = new Command("evaluate", "Evaluate parcels against a rule set; findings and per-dimension status are stored.");
        foreach (var option in new Option[] { ruleSet, version, commune, parcel, resume, changed, json, background, openCases, lang })
            command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            var request = new EvaluationRequest(CliDatabase.ImportedBy, parse.GetValue(ruleSet)!, parse.GetValue(version),
                parse.GetValue(commune), parse.GetValue(parcel), parse.GetValue(resume), parse.GetValue(changed));
            var asJson = parse.GetValue(json);
            if (parse.GetValue(background))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { RunId = await Jobs.EvaluationJobs.EnqueueAsync(database, Jobs.JobQueue.Client(database), request, parse.GetValue(openCases), ct) }, JsonOptions));
                return 0;
            }
            var runner = new EvaluationRunner(database);
            // A refused request (a draft, a run resumed with another scope, …) ends in CliFailure's one line.
            var summary = asJson
                ? await runner.RunAsync(request, null, ct)
                : await AnsiConsole.Progress().StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("evaluate", maxValue: await ParcelCountAsync(database, request, ct));
                    return await runner.RunAsync(request, new Progress<long>(n => task.Value = n), ct);
                });
            if (asJson)
                Console.WriteLine(JsonSerializer.Serialize(summary, JsonOptions));
            else
            {
                Print(summary, parse.GetValue(lang) == "en");
                if (runner.LastTimings is { } timings)
                    AnsiConsole.WriteLine($"Time: {timings}.");
            }
            return 0;
        });
        return command;
    }

    static async Task<long> ParcelCountAsync(Data.Database database, EvaluationRequest request, CancellationToken ct)
    {
        if (request.ChangedOnly)
            return 1; // not known before the run; the bar ends full either way
        await using var cmd = database.DataSource.CreateCommand(request.CommuneCode is null
            ? "SELECT count(*) FROM parcels" : "SELECT count(*) FROM parcels WHERE commune_code = $1::character(5)");
        if (request.CommuneCode is { } c)
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = c });
        return Math.Max(1, (long)(await cmd.ExecuteScalarAsync(ct))!);
    }

    /// <summary>The summary people read: Vietnamese (numbers as vi-VN writes them) unless <paramref name="en"/>.</summary>
    internal static void Print(EvaluationSummary s, bool en)
    {
        var culture = en ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo("vi-VN");
        var (ruleSet, scope) = (Markup.Escape(s.RuleSet), Markup.Escape(s.Scope));
        if (s.Note is { } note)
            AnsiConsole.MarkupLineInterpolated(culture, $"{(en ? "Evaluated" : "Đánh giá / evaluated")}: {note}.");
        AnsiConsole.MarkupLine(en
            ? string.Create(culture, $"Run #{s.RunId}: {ruleSet} v{s.Version}, {scope}: {s.ParcelsEvaluated:N0} parcels in {s.ElapsedSeconds:F1} s; [green]{s.ParcelsVerified:N0} verified[/] (đúng – đủ – sạch – sống).")
            : string.Create(culture, $"Lần đánh giá #{s.RunId}: {ruleSet} v{s.Version}, phạm vi {scope}: {s.ParcelsEvaluated:N0} thửa trong {s.ElapsedSeconds:F1} giây; [green]{s.ParcelsVerified:N0} thửa đạt[/] đúng – đủ – sạch – sống."));
        var dims = new Table().AddColumns(en ? "dimension" : "tiêu chí", en ? "parcels failing" : "số thửa chưa đạt");
        foreach (var (d, n) in s.ParcelsFailingPerDimension)
            dims.AddRow(Markup.Escape(en ? d : $"{Names.Vietnamese(d)} ({d})"), n.ToString("N0", culture));
        AnsiConsole.Write(dims);
        var rules = new Table().AddColumns(en ? "rule" : "quy tắc", en ? "failures" : "số lỗi");
        foreach (var (r, n) in s.FailuresPerRule.OrderByDescending(kv => kv.Value))
            rules.AddRow(Markup.Escape(r), n.ToString("N0", culture));
        AnsiConsole.Write(rules);
        PrintRuleErrors(s, en);
    }

    /// <summary>Rules that threw, apart from the findings: they fail no parcel, but the rule needs its author.</summary>
    static void PrintRuleErrors(EvaluationSummary s, bool en)
    {
        if (s.RuleErrors.Count == 0)
            return;
        AnsiConsole.MarkupLine(en
            ? "[red]Rule errors[/] (the rule threw; these fail no parcel and open no case — fix the rule):"
            : "[red]Lỗi quy tắc[/] (quy tắc không chạy được; không tính là lỗi dữ liệu, không mở hồ sơ — cần sửa quy tắc) / rule errors:");
        var culture = en ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo("vi-VN");
        var table = new Table().AddColumns(en ? "rule" : "quy tắc", en ? "parcels" : "số thửa");
        foreach (var (r, n) in s.RuleErrors.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            table.AddRow(Markup.Escape(r), n.ToString("N0", culture));
        AnsiConsole.Write(table);
    }
}
