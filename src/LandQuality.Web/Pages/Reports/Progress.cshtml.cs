using System.Globalization;
using System.Text;
using LandQuality.Data;
using LandQuality.Documents;
using LandQuality.Documents.ProgressReports;
using LandQuality.Progress;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LandQuality.Web.Pages.Reports;

/// <summary>
/// The progress report of the reader's province or of one of its communes (or of the reader's own commune), as a printable
/// HTML file in the page's language — what <c>lq report province | commune</c> prints. Outside the jurisdiction is not found.
/// </summary>
public sealed class ProgressModel(Database database, DocumentTemplates templates, IStringLocalizer<Texts> texts) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var mine = DashboardScope.ForJurisdiction(HttpContext.Reviewer().Jurisdiction);
        if (mine is null || (mine.Code != code && mine.Commune(code) is null))
            return NotFound();
        var lang = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "vi";
        var report = await new ProgressReportSource(database).LoadAsync(code, lang, s => HistoryWording.Word(texts, "Stage", s), HttpContext.Reviewer().UserName,
            DateTimeOffset.UtcNow, ct);
        var html = templates.Render($"progress.{lang}.html.sbn", report);
        return File(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", $"progress-{code}.{lang}.html");
    }
}
