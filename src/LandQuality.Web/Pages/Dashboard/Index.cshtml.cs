using LandQuality.Data;
using LandQuality.Progress;
using LandQuality.Web.Apis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LandQuality.Web.Pages.Dashboard;

/// <summary>What the dashboard's view shows: the figures, and where its chart is served.</summary>
public sealed record DashboardPage(DashboardView View, string ChartUrl);

/// <summary>
/// Tiến độ: the campaign's figures for the reviewer's jurisdiction — a province's totals and its communes ranked,
/// or a commune's own — from the summaries (no scan of the parcels), with the chart of progress by day.
/// </summary>
public sealed class IndexModel(Database database) : PageModel
{
    public DashboardPage Shown { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (DashboardApi.ScopeOf(HttpContext) is not { } scope)
            return NotFound();
        Shown = new DashboardPage(await DashboardQuery.LoadAsync(database, scope, DateTimeOffset.UtcNow, ct), "/dashboard/progress.svg");
        return Page();
    }
}
