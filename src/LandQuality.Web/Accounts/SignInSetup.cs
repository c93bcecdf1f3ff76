using System.Security.Claims;
using LandQuality.Review.Queue;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace LandQuality.Web.Accounts;

/// <summary>
/// How people and programs prove who they are: pages by a cookie set at sign-in, the API by a
/// short-lived bearer token from <c>POST /api/auth/token</c>. The API takes tokens only, never the
/// cookie, so another site cannot make a signed-in browser call it. Either way the name is all the
/// ticket carries: role and jurisdiction are read from the account on every request (<see cref="CurrentReviewer"/>).
/// </summary>
public static class SignInSetup
{
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Token = BearerTokenDefaults.AuthenticationScheme;
    const string Either = "CookieOrToken";

    /// <summary>The API's policy: a bearer token.</summary>
    public const string ApiPolicy = "api";

    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(30);

    public static IServiceCollection AddSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(Either)
            .AddPolicyScheme(Either, Either, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Token : Cookie)
            .AddCookie(Cookie, o =>
            {
                o.Cookie.Name = "lq.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = "/";
                o.AccessDeniedPath = "/";
            })
            .AddBearerToken(Token, o => o.BearerTokenExpiration = TokenLifetime)
            .AddOrganisationSignIn(configuration);
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(Cookie).RequireAuthenticatedUser().AddRequirements(new ActiveAccount()).Build())
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(Token).RequireAuthenticatedUser().AddRequirements(new ActiveAccount()));
        services.AddSingleton<AccountStore>();
        services.AddScoped<IAuthorizationHandler, CurrentReviewer>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, InactiveAccountChallenge>();
        return services;
    }

    public static ClaimsPrincipal Principal(Reviewer reviewer, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, reviewer.UserName), CurrentReviewer.Issued(DateTimeOffset.UtcNow)], scheme));

    /// <summary>A bearer token for the reviewer, protected by the installation's key ring, valid for <see cref="TokenLifetime"/>.</summary>
    public static string IssueToken(HttpContext context, Reviewer reviewer)
    {
        var options = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<BearerTokenOptions>>().Get(Token);
        var now = DateTimeOffset.UtcNow;
        var ticket = new AuthenticationTicket(Principal(reviewer, Token), new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + TokenLifetime }, Token);
        return options.BearerTokenProtector.Protect(ticket);
    }
}
