using LandQuality.Review.Queue;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LandQuality.Web.Pages;

/// <summary>Đăng nhập: the cookie sign-in for people; a signed-in visitor goes straight to their queue.</summary>
public sealed class IndexModel(AccountStore accounts, IConfiguration configuration) : PageModel
{
    /// <summary>Whether the organisation's identity provider is configured (<see cref="Accounts.OrganisationSignIn"/>).</summary>
    public bool OrganisationSignIn => Accounts.OrganisationSignIn.IsConfigured(configuration);

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>A key of the texts: why sign-in was refused.</summary>
    public string? Error { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Redirect("/queue") : Page();

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken ct)
    {
        var (outcome, reviewer) = await accounts.SignInAsync(UserName ?? "", Password ?? "", ct);
        if (outcome != SignInOutcome.SignedIn)
        {
            Error = outcome == SignInOutcome.LockedOut ? "SignInLocked" : "SignInRefused";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await HttpContext.SignInAsync(SignInSetup.Cookie, SignInSetup.Principal(reviewer!, SignInSetup.Cookie));
        // Policy staff have no review queue: their work is the rule sets.
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : reviewer!.Role switch { Roles.PolicyStaff => "/rules", Roles.Administrator => "/dashboard", _ => "/queue" });
    }
}
