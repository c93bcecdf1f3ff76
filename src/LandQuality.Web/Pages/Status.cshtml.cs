using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LandQuality.Web.Pages;

/// <summary>
/// What a person's browser shows for an answer without a body (a page not found or not theirs, a refused form): a page in
/// their language, not the API's ProblemDetails. Nothing about what exists is said: "not found" reads the same either way.
/// </summary>
[AllowAnonymous]
public sealed class StatusModel : PageModel
{
    /// <summary>The texts' key prefix for the status shown.</summary>
    public string Key { get; private set; } = "StatusOther";

    public void OnGet(int code) => Key = code switch
    {
        404 => "Status404",
        403 => "Status403",
        400 => "Status400",
        _ => "StatusOther",
    };
}
