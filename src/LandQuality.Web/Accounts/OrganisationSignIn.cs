using System.Security.Claims;
using LandQuality.Review.Queue;
using Microsoft.AspNetCore.Authentication;

namespace LandQuality.Web.Accounts;

/// <summary>
/// Sign-in through the organisation's identity provider (OpenID Connect), for a real deployment, when
/// <c>Authentication:Oidc:Authority</c> and <c>Authentication:Oidc:ClientId</c> are configured (the client secret from
/// <c>Authentication:Oidc:ClientSecret</c>, set on the machine, never in the repository). The provider says who the
/// person is; the account with that user name (the claim <c>Authentication:Oidc:UserClaim</c>, by default
/// <c>preferred_username</c>) says what they may do, as after a password sign-in. No account, or a disabled one: refused.
/// </summary>
public static class OrganisationSignIn
{
    public const string Scheme = "oidc";

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["Authentication:Oidc:Authority"]) && !string.IsNullOrEmpty(configuration["Authentication:Oidc:ClientId"]);

    public static AuthenticationBuilder AddOrganisationSignIn(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        if (!IsConfigured(configuration))
            return authentication;
        var userClaim = configuration["Authentication:Oidc:UserClaim"] is { Length: > 0 } claim ? claim : "preferred_username";
        return authentication.AddOpenIdConnect(Scheme, o =>
        {
            o.Authority = configuration["Authentication:Oidc:Authority"];
            o.ClientId = configuration["Authentication:Oidc:ClientId"];
            o.ClientSecret = configuration["Authentication:Oidc:ClientSecret"];
            o.ResponseType = "code";
            o.UsePkce = true;
            o.MapInboundClaims = false;
            o.SignInScheme = SignInSetup.Cookie;
            o.CallbackPath = "/signin-oidc";
            o.Events.OnTokenValidated = async context =>
            {
                var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountStore>();
                if (await AccountOfAsync(accounts, context.Principal, userClaim, context.HttpContext.RequestAborted) is { } reviewer)
                    context.Principal = SignInSetup.Principal(reviewer, SignInSetup.Cookie);
                else
                    context.Fail("Không có tài khoản đang hoạt động cho người này. — There is no active account for this person.");
            };
        });
    }

    /// <summary>The active account the provider's principal names, or null.</summary>
    public static async Task<Reviewer?> AccountOfAsync(AccountStore accounts, ClaimsPrincipal? principal, string userClaim, CancellationToken ct) =>
        principal?.FindFirstValue(userClaim) is { Length: > 0 } name && await accounts.FindAsync(name, ct) is { IsDisabled: false } reviewer ? reviewer : null;

    /// <summary><c>GET /sign-in/oidc</c>: off to the identity provider, back to the queue.</summary>
    public static void MapOrganisationSignIn(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (IsConfigured(configuration))
            app.MapGet("/sign-in/oidc", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/queue" }, [Scheme]))
                .AllowAnonymous().ExcludeFromDescription();
    }
}
