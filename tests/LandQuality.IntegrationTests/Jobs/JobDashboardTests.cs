using System.Net;
using LandQuality.Generation;
using LandQuality.Imports;
using LandQuality.IntegrationTests.Web;
using LandQuality.Review.Queue;
using LandQuality.Rules.Runs;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LandQuality.IntegrationTests.Jobs;

/// <summary>
/// A web node with the job queue (LandQuality:Jobs = Queue, as <c>lq serve --no-worker</c>): the Hangfire dashboard
/// is the administrators' alone, and a run's progress page and API answer policy staff and administrators only.
/// </summary>
public sealed class JobDashboardTests : IAsyncLifetime
{
    readonly TestDatabase _db = new();
    readonly string _home = Path.Combine(Path.GetTempPath(), $"lq-web-{Guid.NewGuid():N}");
    readonly string _data = Path.Combine(Path.GetTempPath(), $"lq-gen-{Guid.NewGuid():N}");
    WebApplicationFactory<LandQuality.Web.Program> _factory = null!;
    long _run;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _factory = new WebApplicationFactory<LandQuality.Web.Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("LandQuality:Home", _home);
            b.UseSetting("LandQuality:KeysDirectory", Path.Combine(_home, "keys"));
            b.UseSetting("LandQuality:Jobs", "Queue");
            b.ConfigureServices(s => s.AddSingleton(_db.Database));
        });
        var accounts = new AccountStore(_db.Database);
        await accounts.AddAsync("quan.tri", null, Roles.Administrator, "46", WebScenario.Password, CancellationToken.None);
        await accounts.AddAsync("chinh.sach", null, Roles.PolicyStaff, "46", WebScenario.Password, CancellationToken.None);
        await accounts.AddAsync("can.bo", null, Roles.CommuneOfficer, WebScenario.Commune, WebScenario.Password, CancellationToken.None);
        SyntheticDataGenerator.Generate(new GeneratorOptions { Parcels = 300, Seed = 3 }, _data);
        await new Importer(_db.Database).RunAsync(_data, "test", null, CancellationToken.None);
        _run = (await new EvaluationRunner(_db.Database).RunAsync(new EvaluationRequest("test"), null, CancellationToken.None)).RunId;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _db.DisposeAsync();
        foreach (var dir in new[] { _home, _data })
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }

    async Task<HttpClient> SignedInAsync(string user)
    {
        var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await WebScenario.AntiforgeryTokenAsync(browser);
        using var signIn = await browser.PostAsync("/", new FormUrlEncodedContent(
            [new("username", user), new("password", WebScenario.Password), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return browser;
    }

    [Fact]
    public async Task The_job_dashboard_opens_for_an_administrator_only()
    {
        using var admin = await SignedInAsync("quan.tri");
        using var page = await admin.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("việc nền / background jobs", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var recurring = await admin.GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.OK, recurring.StatusCode);

        foreach (var user in new[] { "chinh.sach", "can.bo" })
        {
            using var other = await SignedInAsync(user);
            using var refused = await other.GetAsync("/hangfire");
            Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, $"{user}: {refused.StatusCode}");
        }
        using var anonymous = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var challenged = await anonymous.GetAsync("/hangfire");
        Assert.NotEqual(HttpStatusCode.OK, challenged.StatusCode);
    }

    [Fact]
    public async Task An_administrator_lands_on_the_dashboard_named_by_role_with_a_link_to_the_jobs()
    {
        var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await WebScenario.AntiforgeryTokenAsync(browser);
        using var signIn = await browser.PostAsync("/", new FormUrlEncodedContent(
            [new("username", "quan.tri"), new("password", WebScenario.Password), new("__RequestVerificationToken", token)]));

        Assert.Equal("/dashboard", signIn.Headers.Location?.OriginalString);
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/dashboard"));
        Assert.Contains("Quản trị viên", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/hangfire\">Việc nền</a>", page, StringComparison.Ordinal);
        using var staff = await SignedInAsync("chinh.sach");
        Assert.DoesNotContain("href=\"/hangfire\"", await staff.GetStringAsync("/dashboard"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runs_progress_shows_on_its_page_to_policy_staff_and_not_to_a_commune_officer()
    {
        using var staff = await SignedInAsync("chinh.sach");
        using var page = await staff.GetAsync($"/runs/{_run}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-run-status=\"completed\"", html, StringComparison.Ordinal);
        Assert.Contains("đã xong", html, StringComparison.Ordinal);
        Assert.Contains("<span data-partitions>1 / 1</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", html, StringComparison.Ordinal); // finished: nothing left to follow

        using var officer = await SignedInAsync("can.bo");
        using var refused = await officer.GetAsync($"/runs/{_run}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }
}
