using System.Net;

namespace LandQuality.IntegrationTests.Web;

/// <summary>Security headers on pages and API answers, the health probes and the OpenAPI document.</summary>
public sealed class HostingTests(WebScenario web) : IClassFixture<WebScenario>
{
    static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var scriptSrc = policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.DoesNotContain("'unsafe-inline'", scriptSrc, StringComparison.Ordinal);
        Assert.Contains("'self'", scriptSrc, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
    }

    [Fact]
    public async Task The_sign_in_page_carries_the_security_headers()
    {
        using var browser = web.Browser();

        using var response = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task An_api_answer_carries_the_security_headers()
    {
        using var api = await web.ApiAsAsync("so.1");

        using var response = await api.GetAsync("/api/queue");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_refused_api_request_carries_the_security_headers_too()
    {
        using var anonymous = web.Browser();

        using var response = await anonymous.GetAsync("/api/queue");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("/healthz", "ok")]
    [InlineData("/readyz", "ready")]
    public async Task The_probes_answer_without_sign_in(string path, string body)
    {
        using var anonymous = web.Browser();

        using var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_review_api()
    {
        using var anonymous = web.Browser();

        using var response = await anonymous.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await WebScenario.JsonAsync(response)).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/queue", out _), "/api/queue is missing from the OpenAPI document.");
        Assert.True(paths.TryGetProperty("/api/tasks/{id}/decision", out var decision), "/api/tasks/{id}/decision is missing from the OpenAPI document.");
        Assert.True(decision.TryGetProperty("post", out _));
        Assert.False(paths.TryGetProperty("/healthz", out _));
    }

    [Fact]
    public async Task A_page_not_found_answers_404_with_a_page_in_Vietnamese_and_the_api_with_problem_details()
    {
        using var officer = await web.SignedInAsync(WebScenario.OfficerOf(WebScenario.Commune));
        using var api = await web.ApiAsAsync("so.1");

        using var page = await officer.GetAsync("/rules");
        using var missing = await api.GetAsync("/api/tasks/987654321");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("<h1>Không tìm thấy</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Bộ quy tắc", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }
}
