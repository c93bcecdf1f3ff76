using LandQuality.Benchmarks;
using LandQuality.Imports;
using LandQuality.IntegrationTests.Imports;
using LandQuality.Review.Queue;
using LandQuality.Rules.Runs;
using LandQuality.Web.Accounts;
using Microsoft.Playwright;

namespace LandQuality.E2ETests;

/// <summary>
/// The rule editor's loop in a real browser: a policy officer builds "the certificate was issued before the owner was
/// born" on the form, without code, tries it on a commune, previews its impact and submits it; a second officer
/// approves, which publishes and re-evaluates in the background; the new finding reaches the commune officer's queue.
/// </summary>
public sealed class RuleEditorJourneyTests(WebServer server, Chromium chromium) : IClassFixture<WebServer>, IClassFixture<Chromium>
{
    const string Commune = "19753";
    const string Unborn = "E2E-UNBORN-1", Fine = "E2E-FINE-1";
    const string Author = "chinhsach.e2e", Approver = "chinhsach.e2e.2", Officer = "xa.19753.1";
    const string Rule = "issued_before_owner_born";
    const string MessageVi = "Giấy chứng nhận được cấp trước khi người sử dụng đất sinh ra.";
    static readonly string Password = Passwords.Random();

    /// <summary>Two parcels clean under the rules in force; one owner was born two years after the certificate was issued.</summary>
    async Task ArrangeAsync()
    {
        await DemoReviewers.SeedAsync(server.Db.Database, "46", 1, provinceStaff: 1, CancellationToken.None);
        var accounts = new AccountStore(server.Db.Database);
        await accounts.SetPasswordAsync(Officer, Password, CancellationToken.None);
        await accounts.AddAsync(Author, "Cán bộ chính sách Lê Thị Hoa", Roles.PolicyStaff, "46", Password, CancellationToken.None);
        await accounts.AddAsync(Approver, "Cán bộ chính sách Trần Văn Sơn", Roles.PolicyStaff, "46", Password, CancellationToken.None);
        using var files = new ImportFixtureFiles()
            .Parcels($"{Unborn},{Commune},7,501,\"Kiệt 4 Lê Lợi, Phường Phú Xuân\",200,200,ODT:200,CS 100501,CH00501,2010-05-06,,2024-01-02",
                $"{Fine},{Commune},7,502,\"Kiệt 6 Lê Lợi, Phường Phú Xuân\",150,150,ODT:150,CS 100502,CH00502,2010-05-06,,2024-01-02")
            .Owners($"{Unborn},Hoàng Văn Minh,2012-03-04,M,046212000501,", $"{Fine},Võ Thị Lan,1980-02-03,F,046180000502,")
            .Population("046212000501,Hoàng Văn Minh,2012-03-04,M,Huế,alive", "046180000502,Võ Thị Lan,1980-02-03,F,Huế,alive");
        await new Importer(server.Db.Database).RunAsync(files.Directory, "test", null, CancellationToken.None);
        await new EvaluationRunner(server.Db.Database).RunAsync(new EvaluationRequest("test"), null, CancellationToken.None);
        Assert.Equal(0, await server.Db.ScalarAsync("SELECT count(*) FROM parcel_status WHERE errors > 0"));
    }

    async Task<IPage> SignInAsync(string user, string landing)
    {
        var page = await (await chromium.NewContextAsync()).NewPageAsync();
        await page.GotoAsync(server.Address);
        await page.FillAsync("input[name=username]", user);
        await page.FillAsync("input[name=password]", Password);
        await page.ClickAsync("form button.primary");
        await page.ArriveAtAsync(landing);
        return page;
    }

    [Fact]
    public async Task A_rule_built_on_the_form_is_tried_previewed_approved_by_a_second_officer_and_its_findings_reach_the_queue()
    {
        await ArrangeAsync();

        var author = await SignInAsync(Author, "/rules");
        await author.ClickAsync("section.rule-set tbody tr:first-child form button");
        await author.ArriveAtAsync(new System.Text.RegularExpressions.Regex("/rules/default/drafts/\\d+$"));
        var draftUrl = author.Url;

        await author.FillAsync("input[name='Input.Name']", Rule);
        await author.SelectOptionAsync("select[name='Input.Dimension']", "correct");
        await author.SelectOptionAsync("select[name='Input.Severity']", "error");
        await author.SelectOptionAsync("select[name='Input.Stage']", "commune");
        await author.FillAsync("input[name='Input.MessageVi']", MessageVi);
        await author.FillAsync("input[name='Input.MessageEn']", "The certificate was issued before the right holder was born.");
        await author.SelectOptionAsync("select[name='Input.Clauses[0].Field']", "CertificateIssuedOn");
        await author.SelectOptionAsync("select[name='Input.Clauses[0].Operator']", "less_than");
        await author.SelectOptionAsync("select[name='Input.Clauses[0].OtherField']", "owner.BirthDate");
        await author.SelectOptionAsync("select[name='Input.Clauses[0].Over']", "any_owner");
        // The expression the form produces, shown as it is built (checked by the server, nothing saved yet).
        await Assertions.Expect(author.Locator("#rule-check.ok code")).ToHaveTextAsync("!(input1.Owners.Any(o => input1.CertificateIssuedOn < o.BirthDate))");
        await Screenshots.TakeAsync(author.Locator("div.editor"), "rule-editor");
        await author.ClickAsync("#rule-form button.primary");
        await Assertions.Expect(author.Locator("p.notice[role=status]")).ToContainTextAsync("Đã lưu quy tắc");
        await Assertions.Expect(author.Locator("section.rules")).ToContainTextAsync("!(input1.Owners.Any(o => input1.CertificateIssuedOn < o.BirthDate))");

        // Try it on the commune: the parcel whose owner was born after the certificate fails, with the values that decided it.
        await author.SelectOptionAsync("form[action*='handler=Try'] select[name=rule]", Rule);
        await author.FillAsync("form[action*='handler=Try'] input[name=commune]", Commune);
        await author.ClickAsync("form[action*='handler=Try'] button");
        var failed = author.Locator("table.trial tr.failed");
        await Assertions.Expect(failed).ToHaveCountAsync(1);
        await Assertions.Expect(failed).ToContainTextAsync(Unborn);
        await Assertions.Expect(failed).ToContainTextAsync("06/05/2010");
        await Assertions.Expect(author.Locator("table.trial")).ToContainTextAsync(Fine);

        // The impact against the version in force, on the commune: one parcel newly failing the new rule.
        await author.FillAsync("form[action*='handler=Preview'] input[name=commune]", Commune);
        await author.ClickAsync("form[action*='handler=Preview'] button");
        var line = author.Locator("table.per-rule tr", new PageLocatorOptions { HasText = Rule });
        await Assertions.Expect(line.Locator("td").Nth(1)).ToHaveTextAsync("1");
        await Screenshots.TakeAsync(author.Locator("#impact"), "rule-impact");

        await author.FillAsync("textarea[name=changeNote]", "Thêm quy tắc: giấy chứng nhận cấp trước ngày sinh của người sử dụng đất.");
        await author.ClickAsync("form[action*='handler=Submit'] button");
        await Assertions.Expect(author.Locator("p.notice[role=status]")).ToBeVisibleAsync();
        await Assertions.Expect(author.Locator("form[action*='handler=Approve']")).ToHaveCountAsync(0); // four eyes: not for the author

        var approver = await SignInAsync(Approver, "/rules");
        await approver.GotoAsync(draftUrl);
        await approver.ClickAsync("form[action*='handler=Approve'] button");
        await Assertions.Expect(approver.Locator("p.notice[role=status]")).ToBeVisibleAsync();

        // Publishing re-evaluates in the background; the case opens for the commune once the run has finished.
        for (var waited = 0; await server.Db.ScalarAsync($"SELECT count(*) FROM review_cases WHERE parcel_id = '{Unborn}'") == 0; waited++)
        {
            Assert.True(waited < 600, "no case opened within a minute of approval");
            await Task.Delay(100);
        }
        Assert.Equal(0, await server.Db.ScalarAsync($"SELECT count(*) FROM review_cases WHERE parcel_id = '{Fine}'"));

        var officer = await SignInAsync(Officer, "/queue");
        await officer.Keyboard.PressAsync("n");
        await officer.ArriveAtAsync(new System.Text.RegularExpressions.Regex("/tasks/\\d+$"));
        await Assertions.Expect(officer.Locator("main")).ToContainTextAsync(Unborn);
        await Assertions.Expect(officer.Locator("main")).ToContainTextAsync(MessageVi);
    }
}
