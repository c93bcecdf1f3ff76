using LandQuality.Data;
using LandQuality.Review.Queue;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LandQuality.Web.Pages;

/// <summary>Hàng việc của tôi: counts by stage and due date, the tasks I hold first, then the open ones best first; claim next.</summary>
public sealed class QueueModel(Database database) : PageModel
{
    public IReadOnlyList<QueueStageCount> Counts { get; private set; } = [];
    public IReadOnlyList<TaskView> Tasks { get; private set; } = [];

    /// <summary>A key of the texts, after an action.</summary>
    public string? Message { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken ct)
    {
        Message = message is "NothingToClaim" ? message : null;
        var reviewer = HttpContext.Reviewer();
        Counts = await QueueCounts.LoadAsync(database, reviewer.UserName, ct);
        Tasks = (await new ReviewQueue(database).ListAsync(reviewer, 100, ct))
            .OrderByDescending(t => t.ClaimedBy is not null).ToList();
    }

    public async Task<IActionResult> OnPostClaimNextAsync(CancellationToken ct) =>
        await new ReviewQueue(database).ClaimNextAsync(HttpContext.Reviewer().UserName, ct) is { } task
            ? Redirect($"/tasks/{task.Id}")
            : Redirect("/queue?message=NothingToClaim");
}
