using LandQuality.Data;
using LandQuality.Review.Cases;
using LandQuality.Review.Definitions;
using LandQuality.Review.Queue;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LandQuality.Web.Pages.Tasks;

/// <summary>
/// The case page: the parcel and its certificate, findings by đúng / đủ / sạch / sống, each owner beside
/// the population registry with its differences, the stage's decisions with corrections, and what happened
/// in the case so far. A task outside the reviewer's role and jurisdiction is not found.
/// </summary>
public sealed class ShowModel(Database database) : PageModel
{
    public TaskDetailsView? Details { get; private set; }
    public IReadOnlyList<DecisionDefinition> Decisions { get; private set; } = [];
    public bool AllowsCorrections => Decisions.Any(d => d.AllowsCorrections);
    public IReadOnlyList<string> Fields { get; private set; } = [];
    public string OperationId { get; } = Guid.NewGuid().ToString("N");
    public string? Error { get; private set; }
    public DecisionOutcome? Outcome { get; private set; }
    public IReadOnlyList<AttachmentView> Attachments { get; private set; } = [];
    public bool AllowsAttachments => Decisions.Any(d => d.AllowsAttachments);
    public IReadOnlyList<RevealedIdNumber>? Revealed { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostClaimAsync(long id, CancellationToken ct) =>
        await ActAsync(id, () => new ReviewQueue(database).ClaimAsync(HttpContext.Reviewer().UserName, id, ct), ct);

    public async Task<IActionResult> OnPostReleaseAsync(long id, CancellationToken ct) =>
        await ActAsync(id, () => new ReviewQueue(database).ReleaseAsync(HttpContext.Reviewer().UserName, id, ct), ct);

    public async Task<IActionResult> OnPostUploadAsync(long id, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
            return NotFound();
        if (file is null)
            return await FailAsync(id, "Chọn một tệp để đính kèm. — Choose a file to attach.", ct);
        try
        {
            await using var content = file.OpenReadStream();
            await CaseAttachments.AddAsync(database, HttpContext.Reviewer().UserName, Details!.Task.CaseId, file.FileName, content, ct);
            return Redirect($"/tasks/{id}");
        }
        catch (ReviewNotFoundException)
        {
            return NotFound();
        }
        catch (ReviewException e)
        {
            return await FailAsync(id, e.Message, ct);
        }
    }

    public async Task<IActionResult> OnPostRevealAsync(long id, string? revealReason, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
            return NotFound();
        try
        {
            Revealed = await IdNumberReveal.RevealAsync(database, HttpContext.Reviewer(), Details!.Parcel.ParcelId, revealReason, ct);
            return Page();
        }
        catch (ReviewException e)
        {
            return await FailAsync(id, e.Message, ct);
        }
    }

    async Task<IActionResult> FailAsync(long id, string message, CancellationToken ct)
    {
        Error = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDecideAsync(long id, string decision, int revision, string operationId, string? reason,
        string[] fields, string[] values, long[] attachmentIds, CancellationToken ct)
    {
        var corrections = fields.Select((f, i) => (Field: f, Value: i < values.Length ? values[i] : ""))
            .Where(c => !string.IsNullOrWhiteSpace(c.Field))
            .Select(c => new FieldChange(c.Field, string.IsNullOrEmpty(c.Value) ? null : c.Value)).ToList();
        try
        {
            Outcome = await new DecisionService(database).DecideAsync(new DecisionRequest(HttpContext.Reviewer().UserName, id, revision, decision,
                operationId, string.IsNullOrWhiteSpace(reason) ? null : reason, corrections, attachmentIds.Length > 0 ? attachmentIds : null), ct);
        }
        catch (ReviewNotFoundException)
        {
            return NotFound();
        }
        catch (ReviewException e)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    async Task<IActionResult> ActAsync(long id, Func<Task<TaskView>> action, CancellationToken ct)
    {
        try
        {
            await action();
            return Redirect($"/tasks/{id}");
        }
        catch (ReviewNotFoundException)
        {
            return NotFound();
        }
        catch (ReviewException e)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        try
        {
            Details = await TaskDetails.LoadAsync(database, HttpContext.Reviewer(), id, ct);
        }
        catch (ReviewNotFoundException)
        {
            return false;
        }
        var definition = await new WorkflowStore(database).GetAsync(Details.Workflow, Details.WorkflowVersion, ct);
        Decisions = Details.Decisions.Select(d => definition.Stage(Details.Task.Stage)?.Decision(d)).OfType<DecisionDefinition>().ToList();
        Fields = CorrectionFields.Offered(Details.Owners.Select(o => o.Seq));
        Attachments = await CaseAttachments.ListAsync(database, HttpContext.Reviewer().UserName, Details.Task.CaseId, ct);
        return true;
    }
}
