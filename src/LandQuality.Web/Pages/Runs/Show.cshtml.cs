using LandQuality.Data;
using LandQuality.Review.Queue;
using LandQuality.Rules.Runs.Partitions;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LandQuality.Web.Pages.Runs;

/// <summary>
/// An evaluation run's progress, from the same view as <c>lq runs show</c> and <c>/api/runs/{id}</c>: its status,
/// partitions and parcels done of the total, the workers that took them. The page refreshes itself while the run
/// is queued or running. Only policy staff and administrators see runs; anyone else gets "not found".
/// </summary>
public sealed class ShowModel(Database database) : PageModel
{
    public RunProgressView Run { get; private set; } = null!;

    public bool Finished => Run.Status is "completed" or "failed";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (HttpContext.Reviewer().Role is not (Roles.PolicyStaff or Roles.Administrator)
            || await RunProgressView.LoadAsync(database, id, ct) is not { } run)
            return NotFound();
        Run = run;
        return Page();
    }
}
