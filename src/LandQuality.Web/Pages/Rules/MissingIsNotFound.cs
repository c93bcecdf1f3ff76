using LandQuality.Rules.Drafts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace LandQuality.Web.Pages.Rules;

/// <summary>
/// A rule set, version or draft that does not exist is the site's 404 page under /rules, for every handler at once;
/// without this the API's exception handler would answer the page with ProblemDetails JSON. Applied to the folder in <see cref="WebApp"/>.
/// </summary>
public sealed class MissingIsNotFound : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is RuleDraftNotFoundException && !executed.ExceptionHandled)
        {
            executed.Result = new NotFoundResult();
            executed.ExceptionHandled = true;
        }
    }
}
