using LandQuality.IntegrationTests.Review;
using LandQuality.Web.Accounts;
using Microsoft.Playwright;

namespace LandQuality.E2ETests;

/// <summary>
/// The campaign's loop in a real browser: a commune officer signs in, claims the case with a keyboard shortcut,
/// takes the population registry's spelling of the owner's name with one click, attaches a scan of the ID card
/// and submits; the department
/// approves (and the police confirm, when the workflow sends the case there); the parcel ends verified; an
/// auditor finds the parcel, reads every step in its history and the chain verifies. The main pages are
/// photographed for the README along the way.
/// </summary>
public sealed class ReviewJourneyTests(WebServer server, Chromium chromium) : IClassFixture<WebServer>, IClassFixture<Chromium>
{
    const string ParcelId = "E2E-NAME-1";
    const string Officer = "xa.19753.1", Department = "so.1", Police = "ca.1", Auditor = "kiemtoan.1";
    static readonly string Password = Passwords.Random();

    async Task ArrangeAsync()
    {
        var scenario = new ReviewScenario(server.Db);
        await scenario.SeedReviewersAsync();
        await scenario.AddParcelAsync(ParcelId, 901, "name_differs_from_registry");
        await scenario.OpenCasesAsync();
        var accounts = new AccountStore(server.Db.Database);
        foreach (var user in new[] { Officer, Department, Police })
            await accounts.SetPasswordAsync(user, Password, CancellationToken.None);
        await accounts.AddAsync(Auditor, "Kiểm toán viên 1", "auditor", "46", Password, CancellationToken.None);
    }

    async Task<IPage> SignInAsync(string user, string? screenshot = null)
    {
        var page = await (await chromium.NewContextAsync()).NewPageAsync();
        await page.GotoAsync(server.Address);
        if (screenshot is not null)
            await Screenshots.TakeAsync(page, screenshot);
        await page.FillAsync("input[name=username]", user);
        await page.FillAsync("input[name=password]", Password);
        await page.ClickAsync("form button.primary");
        await page.ArriveAtAsync("/queue");
        return page;
    }

    /// <summary>A real one-pixel PNG: the scan the officer attaches (its type is judged by these bytes).</summary>
    static readonly byte[] Scan = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    static async Task ClaimNextAndDecideAsync(IPage page, string decision, string? screenshot = null, bool takeRegistryName = false)
    {
        await page.Keyboard.PressAsync("n");
        await page.ArriveAtAsync(new System.Text.RegularExpressions.Regex("/tasks/\\d+$"));
        if (takeRegistryName)
        {
            await page.SetInputFilesAsync("form.upload input[type=file]", new FilePayload { Name = "cccd-nguyen-van-binh.png", MimeType = "image/png", Buffer = Scan });
            await page.ClickAsync("form.upload button");
            await Assertions.Expect(page.Locator("ul.attachments")).ToContainTextAsync("cccd-nguyen-van-binh.png");
            await page.ClickAsync("button.take");
            Assert.Equal("owners[1].full_name", await page.Locator("#decision .correction select").First.InputValueAsync());
            Assert.Equal("Nguyễn Văn Bính", await page.Locator("#decision .correction input").First.InputValueAsync());
        }
        if (screenshot is not null)
            await Screenshots.TakeAsync(page, screenshot);
        await page.CheckAsync($"input[name=decision][value={decision}]");
        await page.ClickAsync("#decision button[type=submit]");
        await Assertions.Expect(page.Locator("p.notice[role=status]")).ToContainTextAsync("Đã quyết định");
    }

    [Fact]
    public async Task A_case_goes_from_the_commune_to_verified_and_the_auditor_sees_every_step()
    {
        await ArrangeAsync();

        var officer = await SignInAsync(Officer, screenshot: "sign-in");
        await Screenshots.TakeAsync(officer, "queue");
        await ClaimNextAndDecideAsync(officer, "submit_corrections", screenshot: "case", takeRegistryName: true);

        var department = await SignInAsync(Department);
        await ClaimNextAndDecideAsync(department, "approve", screenshot: "case-department");
        if (await server.Db.ScalarTextAsync($"SELECT stage FROM review_cases WHERE parcel_id = '{ParcelId}'") == "police")
            await ClaimNextAndDecideAsync(await SignInAsync(Police), "confirm");

        Assert.Equal("Verified", await server.Db.ScalarTextAsync($"SELECT status FROM review_cases WHERE parcel_id = '{ParcelId}'"));
        Assert.Equal("Nguyễn Văn Bính", await server.Db.ScalarTextAsync($"SELECT full_name FROM owners WHERE parcel_id = '{ParcelId}'"));

        var auditor = await SignInAsync(Auditor);
        await auditor.GotoAsync($"{server.Address}/parcels");
        await auditor.FillAsync("input[name=id]", ParcelId);
        await auditor.ClickAsync("form.search button");
        await auditor.ClickAsync($"a[href='/parcels/{ParcelId}/history']");
        var timeline = auditor.Locator("ol.timeline");
        foreach (var step in new[] { Officer, Department, "Nguyễn Văn Bính", "cccd-nguyen-van-binh.png" })
            await Assertions.Expect(timeline).ToContainTextAsync(step);
        await auditor.ClickAsync("text=Kiểm tra tính toàn vẹn");
        await Assertions.Expect(auditor.Locator("p.notice.intact")).ToContainTextAsync("Lịch sử nguyên vẹn");
        await Screenshots.TakeAsync(auditor, "history");
    }
}
