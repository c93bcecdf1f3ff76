using LandQuality.Data;
using LandQuality.Rules.Drafts;
using LandQuality.Rules.Drafts.Previews;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LandQuality.Web.Pages.Rules;

/// <summary>
/// One preview of a draft on all data: its progress while it runs (the page refreshes itself, no script), then
/// its report and the download of its stored affected parcels; marked stale once the draft or the version in force changed.
/// </summary>
public sealed class PreviewModel(Database database) : PageModel
{
    [FromRoute] public string Name { get; set; } = "";
    [FromRoute] public long Id { get; set; }
    [FromRoute] public long PreviewId { get; set; }

    public DraftPreviewView Run { get; private set; } = null!;

    public string DraftPath => $"/rules/{Uri.EscapeDataString(Name)}/drafts/{Id}";

    /// <summary>Seconds between refreshes while the preview is queued or running; null once it finished.</summary>
    public int? RefreshSeconds => Run.Finished ? null : 3;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Run = await new DraftPreviewQueue(database).GetAsync(Name, Id, PreviewId, ct);
            return Page();
        }
        catch (RuleDraftNotFoundException)
        {
            return NotFound();
        }
    }

    /// <summary>The stored affected parcels, written by the API's own handler so the file is the same either way.</summary>
    public async Task<IActionResult> OnGetAffectedParcelsAsync(CancellationToken ct)
    {
        try
        {
            await Apis.DraftPreviewsApi.AffectedParcels(Name, Id, PreviewId, HttpContext, database, ct);
            return new EmptyResult();
        }
        catch (RuleDraftNotFoundException)
        {
            return NotFound();
        }
        catch (RuleDraftStateException)
        {
            return StatusCode(StatusCodes.Status409Conflict);
        }
    }
}
