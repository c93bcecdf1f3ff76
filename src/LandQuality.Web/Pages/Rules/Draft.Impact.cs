using LandQuality.Rules.Authoring;
using LandQuality.Rules.Drafts;
using LandQuality.Rules.Drafts.Previews;
using LandQuality.Rules.Versions;
using LandQuality.Web.Background;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LandQuality.Web.Pages.Rules;

/// <summary>A preview report with where its affected parcels are downloaded, for <c>_ImpactReport</c>.</summary>
public sealed record ImpactReportView(ImpactReport Report, string CsvHref);

/// <summary>
/// The draft page's preview (against the version in force, optionally one commune), the start of a preview on all
/// data in the background (followed on its own page, <see cref="PreviewModel"/>), and "Thử" (one rule on a commune's parcels).
/// </summary>
public sealed partial class DraftModel
{
    public ImpactReport? Impact { get; private set; }

    /// <summary>The draft's latest preview on all data, whatever the page shows: so it is found again.</summary>
    public DraftPreviewView? LatestRun { get; private set; }

    public TrialReport? Trial { get; private set; }

    /// <summary>The commune the preview or the trial ran on, shown back in its box.</summary>
    public string? Commune { get; private set; }

    public string? TriedRule { get; private set; }

    /// <summary>A commune's preview, shown at once; without a commune, the preview on all data, in the background.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string? commune, [FromServices] DraftPreviews previews, CancellationToken ct)
    {
        Commune = string.IsNullOrWhiteSpace(commune) ? null : commune.Trim();
        if (Commune is null)
            return await OnPostPreviewAllAsync(again: false, previews, ct);
        return await ShowAsync(async () => Impact = await Service.PreviewAsync(Name, Id, Me, Commune, null, ct), ct);
    }

    /// <summary>Queues the preview on all data (or finds the one of this revision) and follows it on its page.</summary>
    public async Task<IActionResult> OnPostPreviewAllAsync(bool again, [FromServices] DraftPreviews previews, CancellationToken ct)
    {
        try
        {
            var (run, created) = await new DraftPreviewQueue(database).RequestAsync(Name, Id, Me, again, ct);
            if (created)
                previews.Wake();
            return Redirect($"{DraftPath}/previews/{run.PreviewId}");
        }
        catch (RuleDraftStateException refused)
        {
            return await RefusedAsync(Culture.IsEnglish ? refused.En : refused.Vi, ct);
        }
    }

    /// <summary>After any handler that shows the page: the latest preview on all data, for its line under the preview forms.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is null && executed.Result is PageResult or null)
            LatestRun = await new DraftPreviewQueue(database).LatestAsync(Name, Id, HttpContext.RequestAborted);
    }

    /// <param name="parcels">Parcel ids, separated by commas, spaces or lines: tried instead of a commune's parcels.</param>
    public async Task<IActionResult> OnPostTryAsync(string? rule, string? commune, string? parcels, CancellationToken ct)
    {
        Commune = string.IsNullOrWhiteSpace(commune) ? null : commune.Trim();
        TriedParcels = string.IsNullOrWhiteSpace(parcels) ? null : parcels.Trim();
        TriedRule = string.IsNullOrWhiteSpace(rule) ? null : rule;
        var ids = TriedParcels?.Split([',', ' ', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        var request = ids is { Count: > 0 } ? new TrialRequest(TriedRule, ParcelIds: ids, Limit: 50) : new TrialRequest(TriedRule, Commune, Limit: 50);
        return await ShowAsync(async () => Trial = await new DraftTrial(database).RunAsync(Name, Id, request, Me, ct), ct);
    }

    /// <summary>The parcel ids the trial ran on, shown back in their box.</summary>
    public string? TriedParcels { get; private set; }

    /// <summary>
    /// The preview's affected parcels as CSV, written by the API's own handler: the page's sign-in cookie does not
    /// reach the API (bearer tokens only), and the file must be the same either way.
    /// </summary>
    public async Task<IActionResult> OnGetAffectedParcelsAsync(string? commune, CancellationToken ct)
    {
        await LandQuality.Web.Apis.RuleSetsApi.AffectedParcels(Name, Id, HttpContext, database, ct, string.IsNullOrWhiteSpace(commune) ? null : commune.Trim());
        return new EmptyResult();
    }

    /// <summary>Runs, then shows the draft with the result (nothing stored, so no redirect); a refusal is shown instead.</summary>
    async Task<IActionResult> ShowAsync(Func<Task> run, CancellationToken ct)
    {
        try
        {
            await run();
        }
        catch (RuleDraftException refused)
        {
            Refusal = Culture.IsEnglish ? refused.En : refused.Vi;
        }
        catch (ConditionRefusedException refused)
        {
            Refusal = Culture.IsEnglish ? refused.En : refused.Vi;
        }
        Draft = await Service.GetAsync(Name, Id, ct);
        Input = new RuleInput { Revision = Draft.Revision };
        ModelState.Clear();
        return Page();
    }
}
