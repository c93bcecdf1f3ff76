using LandQuality.Data;
using LandQuality.Rules.Drafts;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LandQuality.Web.Pages.Rules;

/// <summary>Bộ quy tắc: each rule set with the version in force, its versions and drafts; a draft opened from any version.</summary>
public sealed class IndexModel(Database database) : PageModel
{
    public IReadOnlyList<RuleSetSummary> RuleSets { get; private set; } = [];

    /// <summary>Why opening a draft was refused, in the page's language.</summary>
    public string? Refusal { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => RuleSets = await new RuleDraftService(database).ListAsync(ct);

    public async Task<IActionResult> OnPostOpenAsync(string name, int fromVersion, CancellationToken ct)
    {
        try
        {
            var draft = await new RuleDraftService(database).CreateAsync(name, fromVersion, HttpContext.Reviewer().UserName, ct);
            return Redirect($"/rules/{Uri.EscapeDataString(name)}/drafts/{draft.Id}");
        }
        catch (RuleDraftException refused)
        {
            Refusal = Culture.IsEnglish ? refused.En : refused.Vi;
            await OnGetAsync(ct);
            return Page();
        }
    }
}
