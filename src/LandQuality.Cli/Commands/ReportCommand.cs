using System.CommandLine;
using System.Text;
using LandQuality.Documents;
using LandQuality.Documents.AuditExtracts;
using LandQuality.Web;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq report audit | province | commune</c>: documents printed from the templates (see templates/README.md).</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var report = new Command("report", "Documents from the templates (templates/, LQ_TEMPLATES overrides): HTML for print (A4) or Markdown.");
        report.Subcommands.Add(Audit());
        report.Subcommands.Add(Progress("province", "The province's progress: totals, the communes ranked by the share verified, and each line's change since the last report of the province."));
        report.Subcommands.Add(Progress("commune", "A commune's progress: parcels verified correct, sufficient, clean and alive, failing per dimension, open cases per stage, overdue, closed this week."));
        return report;
    }

    /// <summary><c>lq report province [--code 46]</c> and <c>lq report commune CODE</c>: the dashboard's figures as a document.</summary>
    static Command Progress(string kind, string description)
    {
        var code = new Argument<string>("CODE") { Description = "The commune's code (e.g. 19753)." };
        var province = new Option<string>("--code") { Description = "The province's code.", DefaultValueFactory = _ => Reference.ReferenceData.HueProvinceCode };
        var output = new Option<FileInfo?>("--out")
        {
            Description = "Write to FILE: HTML (.html) for print, PDF (.pdf, printed by headless Chromium), or CSV (.csv) of the lines; default: HTML on standard output.",
        };
        var lang = CliLanguage.Option();
        var command = new Command(kind, description) { Options = { output, lang } };
        if (kind == "commune")
            command.Arguments.Add(code);
        else
            command.Options.Add(province);
        command.SetAction(async (parse, ct) =>
        {
            var language = parse.GetValue(lang) == "en" ? "en" : "vi";
            var words = HistoryWording.Words(language);
            var scope = (kind == "commune" ? parse.GetValue(code) : parse.GetValue(province))!.Trim();
            await using var database = await CliDatabase.OpenAsync(ct);
            var report = await new Documents.ProgressReports.ProgressReportSource(database).LoadAsync(scope, language, s => words("Stage", s) ?? s,
                CliDatabase.ImportedBy, DateTimeOffset.UtcNow, ct);
            if (report.Kind != kind)
                throw new ArgumentException($"\"{scope}\" không phải mã {(kind == "commune" ? "xã/phường" : "tỉnh/thành phố")}. — Not a {kind} code.");
            var file = parse.GetValue(output);
            var text = file?.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) == true
                ? Documents.ProgressReports.ProgressCsv.Write(report)
                : CliTemplates.Create().Render($"progress.{language}.html.sbn", report);
            await WriteAsync(file, text, ct);
            return 0;
        });
        return command;
    }

    /// <summary>To standard output, to the file, or for a <c>.pdf</c> file the HTML printed by headless Chromium.</summary>
    static async Task WriteAsync(FileInfo? file, string text, CancellationToken ct)
    {
        if (file is null)
        {
            Console.Out.Write(text);
            return;
        }
        if (file.Extension.Equals(".pdf", StringComparison.OrdinalIgnoreCase))
        {
            var html = Path.Combine(Path.GetTempPath(), $"lq-report-{Guid.NewGuid():N}.html");
            try
            {
                await File.WriteAllTextAsync(html, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), ct);
                if (await ChromiumPdf.PrintAsync(html, file.FullName, ct) is { } why)
                    throw new InvalidOperationException($"Không in được PDF: {why}. Dùng --out FILE.html. — No PDF: {why}. Use --out FILE.html.");
            }
            finally
            {
                File.Delete(html);
            }
        }
        else
            await File.WriteAllTextAsync(file.FullName, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), ct);
        Console.Out.WriteLine(file.FullName);
    }

    static Command Audit()
    {
        var parcel = new Argument<string>("PARCEL_ID");
        var output = new Option<FileInfo?>("--out") { Description = "Write to FILE: HTML (.html), PDF (.pdf, printed by headless Chromium), else Markdown. Default: Markdown on standard output." };
        var lang = CliLanguage.Option();
        var audit = new Command("audit",
            "A parcel's audit extract: every step of its history (who, when, what before and after) and the result of its integrity check. Exit 1 when the history is not intact.")
        {
            Arguments = { parcel },
            Options = { output, lang },
        };
        audit.SetAction(async (parse, ct) =>
        {
            var language = parse.GetValue(lang) == "en" ? "en" : "vi";
            var words = HistoryWording.Words(language);
            await using var database = await CliDatabase.OpenAsync(ct);
            var extract = await new AuditExtractSource(database).LoadAsync(parse.GetValue(parcel)!.Trim(), language, words,
                kind => words("Kind", kind) ?? kind, DateTimeOffset.UtcNow, ct);
            var file = parse.GetValue(output);
            var format = file?.Extension is { } ext && (ext.Equals(".html", StringComparison.OrdinalIgnoreCase) || ext.Equals(".pdf", StringComparison.OrdinalIgnoreCase)) ? "html" : "md";
            var text = CliTemplates.Create().Render($"audit.{language}.{format}.sbn", extract);
            await WriteAsync(file, text, ct);
            return extract.Intact ? 0 : 1;
        });
        return audit;
    }
}
