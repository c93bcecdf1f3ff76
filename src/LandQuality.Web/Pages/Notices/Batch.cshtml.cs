using System.Globalization;
using System.Text;
using LandQuality.Data;
using LandQuality.Documents;
using LandQuality.Documents.Notices;
using LandQuality.Review.Queue;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LandQuality.Web.Pages.Notices;

/// <summary>
/// The commune's citizen notices as one printable HTML file (each on its own A4 page), as <c>lq notices</c> writes them, in
/// the page's language. Sending notices is the commune's work: only its land officers and their supervisors get them; anyone
/// else, or another commune, is not found.
/// </summary>
public sealed class BatchModel(Database database, DocumentTemplates templates) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string commune, CancellationToken ct)
    {
        var reviewer = HttpContext.Reviewer();
        if (reviewer.Role is not (Roles.CommuneOfficer or Roles.CommuneSupervisor) || reviewer.Jurisdiction != commune)
            return NotFound();
        var today = VietnamTime.Day(DateTimeOffset.UtcNow);
        var notices = await new NoticeSource(database).LoadAsync(commune, today, ct);
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var batch = english ? notices.En : notices.Vi;
        var html = templates.Render($"notices.{batch.Language}.html.sbn", batch);
        return File(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", $"notices-{commune}.{batch.Language}.html");
    }
}
