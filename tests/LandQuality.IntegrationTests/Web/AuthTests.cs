using System.Net;
using System.Net.Http.Json;
using LandQuality.Review.Queue;

namespace LandQuality.IntegrationTests.Web;

/// <summary><c>POST /api/auth/token</c>, bearer tokens, lockout, and what stops a token working.</summary>
public sealed class AuthTests(WebScenario web) : IClassFixture<WebScenario>
{
    const string Right = WebScenario.Password;

    async Task<string> NewAccountAsync(string userName)
    {
        await web.Accounts.AddAsync(userName, null, Roles.CommuneOfficer, WebScenario.Commune, Right, CancellationToken.None);
        return userName;
    }

    static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    [Fact]
    public async Task The_right_password_gets_a_token_that_opens_the_api()
    {
        var user = await NewAccountAsync("auth.right");

        var token = await web.TokenAsync(user, Right);

        Assert.False(string.IsNullOrEmpty(token));
        using var api = web.WithToken(token!);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(api, "/api/queue"));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_401_and_no_token()
    {
        var user = await NewAccountAsync("auth.wrong");
        using var client = web.Browser();

        foreach (var (name, password) in new[] { (user, "not the password at all"), ("nobody.here", Right) })
        {
            using var response = await client.PostAsJsonAsync("/api/auth/token", new { user = name, password });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain("token\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_one_is_refused_then()
    {
        var user = await NewAccountAsync("auth.locked");

        for (var i = 0; i < Reviewer.MaxFailedSignIns; i++)
            Assert.Null(await web.TokenAsync(user, $"wrong password number {i}"));

        Assert.Null(await web.TokenAsync(user, Right));
        Assert.True((await web.Accounts.FindAsync(user, CancellationToken.None))!.IsLockedOut(DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock_the_account()
    {
        var user = await NewAccountAsync("auth.four");

        for (var i = 0; i < Reviewer.MaxFailedSignIns - 1; i++)
            Assert.Null(await web.TokenAsync(user, $"wrong password number {i}"));

        Assert.NotNull(await web.TokenAsync(user, Right));
    }

    [Fact]
    public async Task A_disabled_accounts_token_stops_working_on_the_next_request()
    {
        var user = await NewAccountAsync("auth.disabled");
        using var api = web.WithToken((await web.TokenAsync(user, Right))!);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(api, "/api/queue"));

        await web.Accounts.DisableAsync(user, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(api, "/api/queue"));
        Assert.Null(await web.TokenAsync(user, Right));
    }

    [Fact]
    public async Task A_token_issued_before_a_password_reset_stops_working()
    {
        var user = await NewAccountAsync("auth.reset");
        using var old = web.WithToken((await web.TokenAsync(user, Right))!);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(old, "/api/queue"));

        await web.Accounts.SetPasswordAsync(user, "a brand new password", CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(old, "/api/queue"));
        using var fresh = web.WithToken((await web.TokenAsync(user, "a brand new password"))!);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(fresh, "/api/queue"));
    }

    [Fact]
    public async Task A_seeded_reviewer_without_a_password_gets_no_token_until_one_is_set()
    {
        const string user = "xa.19774.2"; // seeded by the demo, no password
        Assert.Null((await web.Accounts.FindAsync(user, CancellationToken.None))!.PasswordHash);

        Assert.Null(await web.TokenAsync(user, ""));
        Assert.Null(await web.TokenAsync(user, Right));

        await web.Accounts.SetPasswordAsync(user, Right, CancellationToken.None);
        Assert.NotNull(await web.TokenAsync(user, Right));
    }

    public static TheoryData<string, string> ApiEndpoints => new()
    {
        { "GET", "/api/queue" },
        { "POST", "/api/tasks/claim-next" },
        { "POST", "/api/tasks/1/claim" },
        { "POST", "/api/tasks/1/release" },
        { "GET", "/api/tasks/1" },
        { "POST", "/api/tasks/1/decision" },
        { "GET", $"/api/parcels/{WebScenario.ParcelId(WebScenario.Commune, 1)}" },
        { "GET", $"/api/parcels/{WebScenario.ParcelId(WebScenario.Commune, 1)}/history" },
    };

    [Theory]
    [MemberData(nameof(ApiEndpoints))]
    public async Task Without_a_token_every_api_endpoint_answers_401(string method, string path)
    {
        using var client = web.Browser();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
            request.Content = JsonContent.Create(new { decision = "approve", revision = 1, operation_id = "x" });

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ApiEndpoints))]
    public async Task The_sign_in_cookie_alone_does_not_open_the_api(string method, string path)
    {
        var user = await NewAccountAsync($"auth.cookie.{Math.Abs(StringComparer.Ordinal.GetHashCode(method + path))}");
        using var browser = web.Browser();
        var antiforgery = await WebScenario.AntiforgeryTokenAsync(browser);
        using var signIn = await browser.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = user, ["password"] = Right, ["__RequestVerificationToken"] = antiforgery,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("lq.auth=", StringComparison.Ordinal));

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
            request.Content = JsonContent.Create(new { decision = "approve", revision = 1, operation_id = "x" });
        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
