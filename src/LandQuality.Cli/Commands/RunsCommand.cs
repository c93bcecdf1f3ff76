using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LandQuality.Rules.Runs.Partitions;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq runs show RUN</c>: an evaluation run's status, partitions done of the total, and its summary once completed.</summary>
public static class RunsCommand
{
    public static Command Create()
    {
        var run = new Argument<long>("run") { Description = "The run's id (as `lq evaluate --background` printed it)." };
        var json = new Option<bool>("--json") { Description = "Print it machine-readable: {\"status\": \"queued|running|completed|failed\", \"partitions_done\": N, \"partitions_total\": M, …}." };
        var lang = CliLanguage.Option();
        var show = new Command("show", "Show a run's status, its progress (partitions and parcels done) and, once completed, its summary.") { run, json, lang };
        show.SetAction(async (parse, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            var id = parse.GetValue(run);
            var view = await RunProgressView.LoadAsync(database, id, ct)
                ?? throw new InvalidOperationException($"Không có lần đánh giá {id}. — There is no evaluation run {id}.");
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(view, EvaluateCommand.JsonOptions));
            else
                Print(view, parse.GetValue(lang) == "en");
            return 0;
        });
        return new Command("runs", "Evaluation runs: their status and progress.") { show };
    }

    static void Print(RunProgressView v, bool en)
    {
        var culture = en ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo("vi-VN");
        var status = en ? v.Status : v.Status switch
        {
            "queued" => "đang chờ (queued)", "running" => "đang chạy (running)", "completed" => "đã xong (completed)", _ => "thất bại (failed)",
        };
        var line = en
            ? string.Create(culture, $"Run #{v.RunId}: {v.RuleSet} v{v.Version}, {v.Scope}: {status}; partitions {v.PartitionsDone:N0}/{v.PartitionsTotal:N0}, parcels {v.ParcelsDone:N0}/{v.ParcelsTotal:N0}")
            : string.Create(culture, $"Lần đánh giá #{v.RunId}: {v.RuleSet} v{v.Version}, phạm vi {v.Scope}: {status}; phần việc {v.PartitionsDone:N0}/{v.PartitionsTotal:N0}, thửa {v.ParcelsDone:N0}/{v.ParcelsTotal:N0}");
        AnsiConsole.MarkupLine(Markup.Escape(line));
        if (v.Error is { } error)
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(error)}[/]");
        if (v.Workers.Count > 0)
            AnsiConsole.MarkupLine(Markup.Escape((en ? "Workers: " : "Tiến trình nền / workers: ") + string.Join(", ", v.Workers)));
        if (v.Summary is { } summary)
            EvaluateCommand.Print(summary, en);
    }
}
