using System.CommandLine;
using System.Globalization;
using LandQuality.Documents.Notices;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq notices COMMUNE_CODE --out DIR</c>: the commune's citizen notices (THÔNG BÁO), ready to print.</summary>
public static class NoticesCommand
{
    public static Command Create()
    {
        var commune = new Argument<string>("COMMUNE_CODE") { Description = "The commune whose open cases get notices (e.g. 19753)." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the notices (HTML per language, PDF, register CSV).", Required = true };
        var background = new Option<bool>("--background")
        {
            Description = "Queue the batch for the workers and print {\"job_id\": …}; --out must be a folder the workers can write (a share).",
        };
        var command = new Command("notices",
            "Citizen notices for a commune: per owner and parcel with an open case, what is missing or inconsistent, the papers to bring, " +
            "where and by when (the workflow's citizenDocumentsDue); Vietnamese and English, A4, one page each. Templates: templates/ (LQ_TEMPLATES overrides).")
        {
            Arguments = { commune },
            Options = { output, background },
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            if (parse.GetValue(background))
            {
                var (code, folder) = (parse.GetValue(commune)!.Trim(), parse.GetValue(output)!.FullName);
                NoticeSource.RequireCommune(code);
                var id = Hangfire.BackgroundJobClientExtensions.Enqueue<Jobs.NoticeJobs>(Jobs.JobQueue.Client(database), j => j.WriteAsync(code, folder, CancellationToken.None));
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { JobId = id }, EvaluateCommand.JsonOptions));
                return 0;
            }
            var today = VietnamTime.Day(DateTimeOffset.UtcNow);
            var notices = await new NoticeSource(database).LoadAsync(parse.GetValue(commune)!.Trim(), today, ct);
            var written = await NoticeFiles.WriteAsync(notices, CliTemplates.Create(), parse.GetValue(output)!.FullName, ct);
            if (written.PdfSkipped is { } why)
                await Console.Error.WriteLineAsync($"Không có PDF — no PDF: {why}");
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"{written.Notices:N0} thông báo cho {written.ParcelsWithOpenCases - written.ParcelsNeedingNoPapers:N0} thửa ({written.ParcelsNeedingNoPapers:N0} thửa có hồ sơ mở không cần giấy tờ của người dân). — {written.Notices:N0} notices.");
            foreach (var file in written.Files)
                AnsiConsole.WriteLine(file);
            return 0;
        });
        return command;
    }
}
