using LandQuality.Rules.Authoring;
using LandQuality.Rules.Drafts;
using LandQuality.Rules.Versions;
using Microsoft.AspNetCore.Mvc;

namespace LandQuality.Web.Pages.Rules;

/// <summary>The draft page's preview (against the version in force, optionally one commune) and "Thử" (one rule on a commune's parcels).</summary>
public sealed partial class DraftModel
{
    public ImpactReport? Impact { get; private set; }

    public TrialReport? Trial { get; private set; }

    /// <summary>The commune the preview or the trial ran on, shown back in its box.</summary>
    public string? Commune { get; private set; }

    public string? TriedRule { get; private set; }

    public async Task<IActionResult> OnPostPreviewAsync(string? commune, CancellationToken ct)
    {
        Commune = string.IsNullOrWhiteSpace(commune) ? null : commune.Trim();
        return await ShowAsync(async () => Impact = await Service.PreviewAsync(Name, Id, Me, Commune, null, ct), ct);
    }

    public async Task<IActionResult> OnPostTryAsync(string? rule, string? commune, CancellationToken ct)
    {
        Commune = string.IsNullOrWhiteSpace(commune) ? null : commune.Trim();
        TriedRule = string.IsNullOrWhiteSpace(rule) ? null : rule;
        return await ShowAsync(async () => Trial = await new DraftTrial(database).RunAsync(Name, Id, new TrialRequest(TriedRule, Commune ?? "", Limit: 50), Me, ct), ct);
    }

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
