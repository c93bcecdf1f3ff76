using LandQuality.Data;
using LandQuality.Rules.Drafts;
using LandQuality.Rules.Runs;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LandQuality.Web.Pages.Rules;

/// <summary>
/// Một phiên bản: its standing, who stored and published it and when, why, and every rule read-only; for the version
/// in force, how the re-evaluation under it goes; for any other, a rollback that opens a draft with its content.
/// </summary>
public sealed class VersionModel(Database database) : PageModel
{
    [FromRoute] public string Name { get; set; } = "";
    [FromRoute(Name = "version")] public int Number { get; set; }

    public RuleSetVersionView Version { get; private set; } = null!;

    /// <summary>Every version of the rule set, for the links to compare with.</summary>
    public IReadOnlyList<RuleSetVersionSummary> Versions { get; private set; } = [];

    /// <summary>The latest evaluation run of the version in force; null for other versions or before any run.</summary>
    public EvaluationRunView? LatestRun { get; private set; }

    /// <summary>Why the rollback was refused, in the page's language.</summary>
    public string? Refusal { get; private set; }

    public int? Predecessor => Versions.Where(v => v.Version < Number).Select(v => (int?)v.Version).Max();

    public int? InForce => Versions.SingleOrDefault(v => v.Status == "published")?.Version;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var service = new RuleDraftService(database);
        Version = await service.VersionAsync(Name, Number, ct);
        Versions = await service.VersionsAsync(Name, ct);
        if (Version.InForce)
            LatestRun = (await new RuleSetRuns(database).ListAsync(Name, Number, limit: 1, ct))?.FirstOrDefault();
    }

    /// <summary>Opens a draft holding this version's content; it is published only once submitted and approved by a second officer.</summary>
    public async Task<IActionResult> OnPostRollbackAsync(CancellationToken ct)
    {
        try
        {
            var draft = await new RuleDraftService(database).RollbackAsync(Name, Number, HttpContext.Reviewer().UserName, ct);
            return Redirect($"/rules/{Uri.EscapeDataString(Name)}/drafts/{draft.Id}");
        }
        catch (RuleDraftStateException refused)
        {
            Refusal = Culture.IsEnglish ? refused.En : refused.Vi;
            await OnGetAsync(ct);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }

    public string DiffPath(int from, int to) => $"/rules/{Uri.EscapeDataString(Name)}/diff?from={from}&to={to}";
}
