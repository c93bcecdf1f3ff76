using LandQuality.Data;
using LandQuality.Rules.Authoring;
using LandQuality.Rules.Drafts;
using LandQuality.Rules.Versions;
using LandQuality.Web.Accounts;
using LandQuality.Web.Background;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LandQuality.Web.Pages.Rules;

/// <summary>
/// Một bản nháp: its rules with their generated expressions, one rule's form (simple condition or raw expression),
/// delete, submit with a change note, approval by another policy officer, discard; preview and try in
/// <c>Draft.Impact.cs</c>. A refusal is shown beside what was typed, in the page's language.
/// </summary>
public sealed partial class DraftModel(Database database, Reevaluation reevaluation) : PageModel
{
    [FromRoute] public string Name { get; set; } = "";
    [FromRoute] public long Id { get; set; }

    [BindProperty] public RuleInput Input { get; set; } = new();

    public DraftView Draft { get; private set; } = null!;

    /// <summary>A key of the texts, after an action that succeeded.</summary>
    public string? Message { get; private set; }

    /// <summary>Why the last action was refused, in the page's language.</summary>
    public string? Refusal { get; private set; }

    public ConditionRefusedException? RefusedRule { get; private set; }

    public bool Editing => Draft.Status == "editing";

    string Me => HttpContext.Reviewer().UserName;

    RuleDraftService Service => new(database);

    public async Task OnGetAsync(string? edit, string? message, CancellationToken ct)
    {
        Draft = await Service.GetAsync(Name, Id, ct);
        Message = message is "RuleSaved" or "RuleDeleted" or "Submitted" or "Discarded" or "Approved" ? message : null;
        Input = Draft.Rules.FirstOrDefault(r => r.Name == edit) is { } rule ? RuleInput.From(rule, Draft.Revision) : new RuleInput { Revision = Draft.Revision };
    }

    public async Task<IActionResult> OnPostPutAsync(CancellationToken ct)
    {
        try
        {
            await Service.PutRuleAsync(Name, Id, Input.Name.Trim(), Input.ToForm(), Me, ct, Input.Revision);
            return Back("RuleSaved", Input.Name.Trim());
        }
        catch (ConditionRefusedException refused)
        {
            RefusedRule = refused;
            return await RefusedAsync(Culture.IsEnglish ? refused.En : refused.Vi, ct);
        }
        catch (RuleDraftException refused)
        {
            return await RefusedAsync(Culture.IsEnglish ? refused.En : refused.Vi, ct);
        }
    }

    /// <summary>The form again with one more condition row; nothing is saved until "Lưu quy tắc".</summary>
    public Task<IActionResult> OnPostAddClauseAsync(CancellationToken ct)
    {
        Input.Clauses.Add(new ClauseInput());
        return ReshowAsync(ct);
    }

    public Task<IActionResult> OnPostRemoveClauseAsync(int clause, CancellationToken ct)
    {
        if (clause >= 0 && clause < Input.Clauses.Count && Input.Clauses.Count > 1)
            Input.Clauses.RemoveAt(clause);
        return ReshowAsync(ct);
    }

    /// <summary>The form as posted, changed by the row buttons: the values come from <see cref="Input"/>, not from what was bound.</summary>
    async Task<IActionResult> ReshowAsync(CancellationToken ct)
    {
        Draft = await Service.GetAsync(Name, Id, ct);
        ModelState.Clear();
        return Page();
    }

    public Task<IActionResult> OnPostDeleteAsync(string rule, uint? revision, CancellationToken ct) =>
        ActAsync(() => Service.DeleteRuleAsync(Name, Id, rule, Me, ct, revision), "RuleDeleted", ct);

    public Task<IActionResult> OnPostSubmitAsync(string? changeNote, uint? revision, CancellationToken ct) =>
        ActAsync(() => Service.SubmitAsync(Name, Id, changeNote ?? "", Me, ct, revision), "Submitted", ct);

    public Task<IActionResult> OnPostDiscardAsync(CancellationToken ct) =>
        ActAsync(() => Service.DiscardAsync(Name, Id, Me, ct), "Discarded", ct);

    /// <summary>Publishes through the same gate as the API, then re-evaluates in the background as the API does.</summary>
    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) =>
        ActAsync(async () =>
        {
            await Service.ApproveAsync(Name, Id, Me, ct);
            reevaluation.Enqueue(Name, Me);
        }, "Approved", ct);

    async Task<IActionResult> ActAsync(Func<Task> action, string message, CancellationToken ct)
    {
        try
        {
            await action();
            return Back(message);
        }
        catch (RuleDraftException refused)
        {
            return await RefusedAsync(Culture.IsEnglish ? refused.En : refused.Vi, ct);
        }
        catch (Exception refused) when (refused is RuleSetPublishRefusedException or RuleSetRejectedException)
        {
            return await RefusedAsync(refused.Message, ct);
        }
    }

    /// <summary>The page again with the refusal and the form as posted (not reloaded from the draft).</summary>
    async Task<IActionResult> RefusedAsync(string why, CancellationToken ct)
    {
        Refusal = why;
        Draft = await Service.GetAsync(Name, Id, ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    IActionResult Back(string message, string? edit = null) =>
        Redirect($"{DraftPath}?message={message}{(edit is null ? "" : "&edit=" + Uri.EscapeDataString(edit))}");

    public string DraftPath => $"/rules/{Uri.EscapeDataString(Name)}/drafts/{Id}";
}
