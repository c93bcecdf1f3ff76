using System.Globalization;
using System.Security.Claims;
using LandQuality.Review.Queue;
using Microsoft.AspNetCore.Authorization;

namespace LandQuality.Web.Accounts;

/// <summary>Every page and API call but sign-in requires an account that is active now.</summary>
public sealed class ActiveAccount : IAuthorizationRequirement;

/// <summary>
/// The one place a signed-in request becomes a reviewer: the account is read as it is now, and role and
/// jurisdiction come from it, never from the cookie or the token, so a change of role, a disabled account
/// or a new password takes effect on the next request (a ticket issued before the password last changed
/// no longer counts). What the reviewer may see and do is then decided by the services, which answer
/// anything outside the role and jurisdiction as not found.
/// </summary>
public sealed class CurrentReviewer(AccountStore accounts) : AuthorizationHandler<ActiveAccount>
{
    public const string IssuedClaim = "lq_issued";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ActiveAccount requirement)
    {
        if (context.Resource is not HttpContext http || context.User.Identity is not { IsAuthenticated: true, Name: { } name })
            return;
        var reviewer = await accounts.FindAsync(name, http.RequestAborted);
        if (reviewer is null || reviewer.IsDisabled || IssuedBefore(context.User, reviewer.PasswordChangedAt))
            return;
        http.Items[typeof(Reviewer)] = reviewer;
        context.Succeed(requirement);
    }

    static bool IssuedBefore(ClaimsPrincipal user, DateTimeOffset? changed) =>
        changed is { } at && (user.FindFirstValue(IssuedClaim) is not { } issued
            || DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(issued, CultureInfo.InvariantCulture)) < at);

    public static Claim Issued(DateTimeOffset at) => new(IssuedClaim, at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
}

public static class ReviewerContext
{
    /// <summary>The signed-in reviewer, set by <see cref="CurrentReviewer"/> on every endpoint that requires sign-in.</summary>
    public static Reviewer Reviewer(this HttpContext context) =>
        context.Items[typeof(Reviewer)] as Reviewer ?? throw new InvalidOperationException("No signed-in reviewer on this request.");
}
