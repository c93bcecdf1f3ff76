using System.Net;

namespace LandQuality.IntegrationTests.Web;

/// <summary>Forms that change state — signing in, switching the language — need the antiforgery token of a page of this site.</summary>
public sealed class AntiforgeryTests(WebScenario web) : IClassFixture<WebScenario>
{
    static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    [Fact]
    public async Task Signing_in_without_the_antiforgery_token_is_refused_even_with_the_right_password()
    {
        await web.Accounts.SetPasswordAsync("xa.19753.2", WebScenario.Password, CancellationToken.None);
        using var browser = web.Browser();
        await WebScenario.AntiforgeryTokenAsync(browser); // the cookie half alone is not enough

        using var response = await browser.PostAsync("/", Form(("username", "xa.19753.2"), ("password", WebScenario.Password)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("lq.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Signing_in_with_the_token_sets_the_cookie()
    {
        await web.Accounts.SetPasswordAsync("xa.19753.truong", WebScenario.Password, CancellationToken.None);
        using var browser = web.Browser();
        var token = await WebScenario.AntiforgeryTokenAsync(browser);

        using var response = await browser.PostAsync("/",
            Form(("username", "xa.19753.truong"), ("password", WebScenario.Password), ("__RequestVerificationToken", token)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("lq.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_culture_switch_without_the_antiforgery_token_is_refused()
    {
        using var browser = web.Browser();
        await WebScenario.AntiforgeryTokenAsync(browser);

        using var response = await browser.PostAsync("/culture", Form(("culture", "en"), ("back", "/")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.Contains("Culture", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_culture_switch_with_the_token_sets_the_culture_and_goes_back_only_to_this_site()
    {
        using var browser = web.Browser();
        var token = await WebScenario.AntiforgeryTokenAsync(browser);

        using var response = await browser.PostAsync("/culture", Form(("culture", "en"), ("back", "//evil.example/"), ("__RequestVerificationToken", token)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den-GB", StringComparison.Ordinal));
    }
}
