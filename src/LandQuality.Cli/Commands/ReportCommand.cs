using System.CommandLine;
using System.Text;
using LandQuality.Documents;
using LandQuality.Documents.AuditExtracts;
using LandQuality.Web;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq report audit PARCEL_ID [--out FILE]</c>: documents printed from the templates (see templates/README.md).</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var report = new Command("report", "Documents from the templates (templates/, LQ_TEMPLATES overrides): HTML for print (A4) or Markdown.");
        report.Subcommands.Add(Audit());
        return report;
    }

    static Command Audit()
    {
        var parcel = new Argument<string>("PARCEL_ID");
        var output = new Option<FileInfo?>("--out") { Description = "Write to FILE: HTML when it ends in .html, else Markdown. Default: Markdown on standard output." };
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
            var format = file?.Extension.Equals(".html", StringComparison.OrdinalIgnoreCase) == true ? "html" : "md";
            var problems = new List<TemplateProblem>();
            var text = DocumentTemplates.FromEnvironment().Render($"audit.{language}.{format}.sbn", extract, problems);
            foreach (var problem in problems)
                await Console.Error.WriteLineAsync($"Mẫu ghi đè lỗi, đã dùng mẫu có sẵn — broken override, the shipped template was used: {problem}");
            if (file is null)
                Console.Out.Write(text);
            else
            {
                await File.WriteAllTextAsync(file.FullName, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), ct);
                Console.Out.WriteLine(file.FullName);
            }
            return extract.Intact ? 0 : 1;
        });
        return audit;
    }
}
