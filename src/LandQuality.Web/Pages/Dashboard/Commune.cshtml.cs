using LandQuality.Data;
using LandQuality.Web.Apis;
using LandQuality.Progress;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LandQuality.Web.Pages.Dashboard;

/// <summary>One commune's figures, for province staff following a row of the ranking; a commune outside the reviewer's jurisdiction is not found.</summary>
public sealed class CommuneModel(Database database) : PageModel
{
    public DashboardPage Shown { get; private set; } = null!;

    public bool BackToProvince { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (DashboardApi.CommuneScopeOf(HttpContext, code) is not { } scope)
            return NotFound();
        BackToProvince = DashboardApi.ScopeOf(HttpContext)?.IsProvince == true;
        Shown = new DashboardPage(await DashboardQuery.LoadAsync(database, scope, DateTimeOffset.UtcNow, ct),
            $"/dashboard/communes/{Uri.EscapeDataString(scope.Code)}/progress.svg");
        return Page();
    }
}
