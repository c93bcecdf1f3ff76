using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LandQuality.Benchmarks;
using LandQuality.Imports;
using LandQuality.IntegrationTests.Imports;
using LandQuality.IntegrationTests.Review;
using LandQuality.Review.Cases;
using LandQuality.Review.Queue;
using LandQuality.Rules.Runs;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LandQuality.IntegrationTests.Web;

/// <summary>
/// The web application on a database of its own (one per test class), with the demo reviewers of Huế
/// and of Đà Nẵng, and parcels whose owner's name differs from the population registry — so each case
/// goes commune → department → police. Each test takes parcels of its own with <see cref="TaskAtAsync"/>.
/// </summary>
public sealed partial class WebScenario : IAsyncLifetime
{
    public const string Password = "mật khẩu đủ dài 2025";
    public const string Commune = "19753";        // Phường Phú Xuân, Huế (46)
    public const string OtherCommune = "19774";   // Phường Kim Long, Huế (46)
    public const string OtherProvince = "20194";  // Phường Hải Vân, Đà Nẵng (48)
    const int ParcelsPerCommune = 40;

    readonly TestDatabase db = new();
    readonly string home = Path.Combine(Path.GetTempPath(), $"lq-web-{Guid.NewGuid():N}");
    readonly ConcurrentDictionary<string, string> tokens = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, int> taken = new(StringComparer.Ordinal);
    WebApplicationFactory<LandQuality.Web.Program>? factory;

    public TestDatabase Db => db;

    public WebApplicationFactory<LandQuality.Web.Program> Factory => factory ?? throw new InvalidOperationException("Not initialised.");

    public AccountStore Accounts => new(db.Database);

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        factory = new WebApplicationFactory<LandQuality.Web.Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("LandQuality:Home", home);
            b.UseSetting("LandQuality:KeysDirectory", Path.Combine(home, "keys"));
            b.ConfigureServices(s => s.AddSingleton(db.Database));
        });
        await DemoReviewers.SeedAsync(db.Database, "46", officersPerCommune: 2, provinceStaff: 2, CancellationToken.None);
        await DemoReviewers.SeedAsync(db.Database, "48", officersPerCommune: 1, provinceStaff: 0, CancellationToken.None);
        // The demo's province staff names carry no province: Đà Nẵng's department and police get their own.
        await Accounts.AddAsync("so48.1", null, Roles.DepartmentReviewer, "48", Password, CancellationToken.None);
        await Accounts.AddAsync("ca48.1", null, Roles.PoliceOfficer, "48", Password, CancellationToken.None);

        using var files = new ImportFixtureFiles();
        var rows = new[] { Commune, OtherCommune, OtherProvince }
            .SelectMany((commune, c) => Enumerable.Range(1, ParcelsPerCommune).Select(i => (commune, i, no: (c * 100) + i))).ToList();
        files.Parcels(rows.Select(r => $"{ParcelId(r.commune, r.i)},{r.commune},7,{r.no},Kiệt {r.i} Lê Lợi,200,200,ODT:200,CS 1{r.no:D5},CH0{r.no:D4},2010-05-06,,2024-01-02").ToArray())
            .Owners(rows.Select(r => $"{ParcelId(r.commune, r.i)},Nguyễn Văn Bình,1980-02-03,M,{IdNumber(r.no)},").ToArray())
            .Population(rows.Select(r => $"{IdNumber(r.no)},Nguyễn Văn Bính,1980-02-03,M,Huế,alive").ToArray());
        await new Importer(db.Database).RunAsync(files.Directory, "test", null, CancellationToken.None);
        await new EvaluationRunner(db.Database).RunAsync(new EvaluationRequest("test"), null, CancellationToken.None);
        await new ReviewScenario(db).OpenCasesAsync();
    }

    public async Task DisposeAsync()
    {
        if (factory is not null)
            await factory.DisposeAsync();
        await db.DisposeAsync();
        try { Directory.Delete(home, recursive: true); } catch (IOException) { }
    }

    public static string ParcelId(string commune, int i) => string.Create(CultureInfo.InvariantCulture, $"W{commune}-{i}");

    /// <summary>The owner's ID number: born 1980, male, registered in Huế (046).</summary>
    public static string IdNumber(int no) => string.Create(CultureInfo.InvariantCulture, $"046080{no:D6}");

    /// <summary>A parcel of <paramref name="commune"/> no other test of the class has taken.</summary>
    public string TakeParcel(string commune)
    {
        var i = taken.AddOrUpdate(commune, 1, (_, n) => n + 1);
        Assert.True(i <= ParcelsPerCommune, $"More than {ParcelsPerCommune} parcels of {commune} taken: raise ParcelsPerCommune.");
        return ParcelId(commune, i);
    }

    public static string OfficerOf(string commune) => $"xa.{commune}.1";

    public static string DepartmentOf(string commune) => commune == OtherProvince ? "so48.1" : "so.1";

    /// <summary>A fresh parcel's open task at <paramref name="stage"/> (commune, department or police), brought there by the demo reviewers.</summary>
    public async Task<(string ParcelId, long TaskId)> TaskAtAsync(string stage, string commune)
    {
        var parcelId = TakeParcel(commune);
        var scenario = new ReviewScenario(db);
        if (stage is "department" or "police")
            await scenario.ActAsync(OfficerOf(commune), parcelId, "submit_corrections", "address checked on site",
                new FieldChange("address", "Kiệt 99 Lê Lợi"));
        if (stage is "police")
            await scenario.ActAsync(DepartmentOf(commune), parcelId, "approve");
        var task = await scenario.OpenTaskAsync(parcelId);
        Assert.Equal(stage, task.Stage);
        return (parcelId, task.Id);
    }

    public HttpClient Browser() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client with a bearer token of <paramref name="user"/> (whose password is set to <see cref="Password"/> the first time).</summary>
    public async Task<HttpClient> ApiAsAsync(string user)
    {
        if (!tokens.TryGetValue(user, out var token))
        {
            if ((await Accounts.FindAsync(user, CancellationToken.None))?.PasswordHash is null)
                await Accounts.SetPasswordAsync(user, Password, CancellationToken.None);
            token = await TokenAsync(user, Password) ?? throw new InvalidOperationException($"{user} got no token.");
            tokens[user] = token;
        }
        return WithToken(token);
    }

    public HttpClient WithToken(string token)
    {
        var client = Browser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The token for the user and password, or null when refused (then the answer must be 401).</summary>
    public async Task<string?> TokenAsync(string user, string password)
    {
        using var client = Browser();
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { user, password });
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            return null;
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal(1800, json.GetProperty("expires_in").GetInt32());
        return json.GetProperty("token").GetString();
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    /// <summary>A browser signed in as <paramref name="user"/> (cookie), in Vietnamese unless <paramref name="english"/>.</summary>
    public async Task<HttpClient> SignedInAsync(string user, bool english = false)
    {
        // Once: setting a password again ends the sessions signed in before.
        if ((await Accounts.FindAsync(user, CancellationToken.None))?.PasswordHash is null)
            await Accounts.SetPasswordAsync(user, Password, CancellationToken.None);
        var browser = Browser();
        var token = await AntiforgeryTokenAsync(browser);
        // The language first: the token is the anonymous visitor's, no longer valid once signed in.
        if (english)
        {
            using var culture = await browser.PostAsync("/culture", SignInForm(("culture", "en"), ("back", "/"), ("__RequestVerificationToken", token)));
            Assert.Equal(System.Net.HttpStatusCode.Redirect, culture.StatusCode);
        }
        using var signIn = await browser.PostAsync("/", SignInForm(("username", user), ("password", Password), ("__RequestVerificationToken", token)));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        return browser;
    }

    static FormUrlEncodedContent SignInForm(params (string Key, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    /// <summary>The antiforgery token of the sign-in form (the client keeps the cookie it pairs with).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient browser)
    {
        var page = await browser.GetStringAsync("/");
        var match = RequestToken().Match(page);
        Assert.True(match.Success, "The sign-in page has no antiforgery token.");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"[^>]*>""")]
    private static partial Regex RequestToken();
}
