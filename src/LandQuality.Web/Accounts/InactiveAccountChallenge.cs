using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace LandQuality.Web.Accounts;

/// <summary>
/// A ticket whose account is disabled, gone or has a newer password is no sign-in at all: answered as not
/// signed in (401, or the sign-in page), not as forbidden (403), so a client signs in again instead of
/// taking the account for one without rights.
/// </summary>
public sealed class InactiveAccountChallenge : IAuthorizationMiddlewareResultHandler
{
    readonly AuthorizationMiddlewareResultHandler standard = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        standard.HandleAsync(next, context, policy,
            authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ActiveAccount>().Any() == true
                ? PolicyAuthorizationResult.Challenge()
                : authorizeResult);
}
