using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandQuality.Web.Apis;

public sealed record TokenRequest(string User, string Password);

public sealed record TokenResponse(string Token, int ExpiresIn);

/// <summary><c>POST /api/auth/token</c>: a short-lived bearer token for the API; a wrong password, a locked or disabled account get 401 and no token.</summary>
public static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/auth/token", Token).AllowAnonymous().DisableAntiforgery();

    static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Token(TokenRequest request, AccountStore accounts, HttpContext context, CancellationToken ct)
    {
        var (outcome, reviewer) = await accounts.SignInAsync(request.User ?? "", request.Password ?? "", ct);
        if (outcome != SignInOutcome.SignedIn)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Không đăng nhập được — Sign-in refused",
                detail: outcome == SignInOutcome.LockedOut
                    ? "Tài khoản đang tạm khoá vì nhập sai mật khẩu nhiều lần. — The account is locked after repeated wrong passwords."
                    : "Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản bị vô hiệu hoá. — Wrong user or password, or the account is disabled.");
        return TypedResults.Ok(new TokenResponse(SignInSetup.IssueToken(context, reviewer!), (int)SignInSetup.TokenLifetime.TotalSeconds));
    }
}
