using LandQuality.Review.Queue;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace LandQuality.Web.Pages.Rules;

/// <summary>
/// Rules are policy: the pages under /rules answer anyone but policy staff as not found, as the services answer
/// what lies outside a role, so nobody learns which rule sets or drafts exist. Applied to the folder in <see cref="WebApp"/>.
/// </summary>
public sealed class PolicyStaffOnly : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HttpContext.Reviewer().Role != Roles.PolicyStaff)
        {
            context.Result = new NotFoundResult();
            return;
        }
        await next();
    }
}
