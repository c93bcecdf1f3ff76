using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using static LandQuality.IntegrationTests.Web.RuleSets.RuleEditorApi;
using static LandQuality.IntegrationTests.Web.WebScenario;

namespace LandQuality.IntegrationTests.Web.RuleSets;

/// <summary>
/// The preview on all data from the draft page: the button starts it, its page refreshes itself while it runs
/// (a meta refresh: the CSP allows no inline script) showing a percentage and counts, then shows the report and
/// the stored affected parcels; nobody but policy staff finds the page.
/// </summary>
public sealed partial class DraftPreviewPagesTests(WebScenario web) : IClassFixture<WebScenario>
{
    [Fact]
    public async Task The_draft_page_starts_a_preview_on_all_data_whose_page_shows_the_report_and_the_stored_parcels()
    {
        using var api = await web.ApiAsAsync(Author);
        var id = await NewDraftAsync(api);
        await ExpectAsync(HttpStatusCode.OK, api.PutAsJsonAsync($"{DraftPath(id)}/rules/issued_before_2011", Rule(IssuedBefore2011, parameters: Cutoff)));
        using var browser = await web.SignedInAsync(Author);
        var draftPath = $"/rules/default/drafts/{id}";
        var draft = await PageAsync(browser, draftPath);
        Assert.Contains("Xem trước trên toàn bộ dữ liệu", draft, StringComparison.Ordinal);

        using var started = await browser.PostAsync($"{draftPath}?handler=PreviewAll", Form(Token(draft)));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var previewPath = started.Headers.Location!.OriginalString;
        Assert.Matches($"^{draftPath}/previews/[0-9]+$", previewPath);

        var page = await PageAsync(browser, previewPath);
        for (var i = 0; i < 1200 && !page.Contains("Trạng thái: <strong class=\"preview-status\">Đã xong</strong>", StringComparison.Ordinal); i++)
        {
            // Until it has finished, the page asks to be loaded again.
            Assert.Contains("<meta http-equiv=\"refresh\" content=\"3\" />", page, StringComparison.Ordinal);
            await Task.Delay(100);
            page = await PageAsync(browser, previewPath);
        }
        Assert.DoesNotContain("http-equiv=\"refresh\"", page, StringComparison.Ordinal);
        Assert.Contains("100 % — 120/120 thửa", page, StringComparison.Ordinal);
        Assert.Matches("<tr><td>issued_before_2011</td><td class=\"num\">120</td><td class=\"num\">0</td>", page);
        Assert.Contains("<table class=\"per-dimension\">", page, StringComparison.Ordinal);

        var previewId = previewPath[(previewPath.LastIndexOf('/') + 1)..];
        var fromPage = await browser.GetStringAsync($"{previewPath}?handler=AffectedParcels");
        Assert.Equal(await api.GetStringAsync($"{DraftPath(id)}/previews/{previewId}/parcels.csv"), fromPage);
        Assert.Equal(121, fromPage.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains($"href=\"{previewPath}\"", await PageAsync(browser, draftPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preview_without_a_commune_runs_in_the_background_like_the_button()
    {
        using var api = await web.ApiAsAsync(Author);
        var id = await NewDraftAsync(api);
        using var browser = await web.SignedInAsync(Author);
        var draftPath = $"/rules/default/drafts/{id}";
        var draft = await PageAsync(browser, draftPath);

        using var started = await browser.PostAsync($"{draftPath}?handler=Preview", Form(("commune", " "), Token(draft)));

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Matches($"^{draftPath}/previews/[0-9]+$", started.Headers.Location!.OriginalString);
        Assert.Equal(1, await web.Db.ScalarAsync($"SELECT count(*) FROM rule_draft_previews WHERE draft_id = {id}"));
    }

    [Fact]
    public async Task A_running_preview_shows_its_percentage_and_counts_and_refreshes_itself_in_english_too()
    {
        using var api = await web.ApiAsAsync(Author);
        var id = await NewDraftAsync(api);
        await using var lease = await DraftPreviewsApiTests.RunningPreviewAsync(web, id);
        using var vietnamese = await web.SignedInAsync(Author);
        using var english = await web.SignedInAsync(Author, english: true);

        var vi = await PageAsync(vietnamese, $"/rules/default/drafts/{id}/previews/{lease.Id}");
        var en = await PageAsync(english, $"/rules/default/drafts/{id}/previews/{lease.Id}");

        Assert.Contains("<meta http-equiv=\"refresh\" content=\"3\" />", vi, StringComparison.Ordinal);
        Assert.Contains("Đang chạy", vi, StringComparison.Ordinal);
        Assert.Contains("50 % — 60/120 thửa", vi, StringComparison.Ordinal);
        Assert.Contains("50 % — 60 of 120 parcels", en, StringComparison.Ordinal);
        Assert.Contains("Running", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_commune_officer_does_not_find_a_preview_page_and_a_missing_preview_is_not_found()
    {
        using var api = await web.ApiAsAsync(Author);
        var id = await NewDraftAsync(api);
        var previewId = (await ExpectAsync(HttpStatusCode.Accepted, api.PostAsync($"{DraftPath(id)}/previews", null))).GetProperty("preview_id").GetInt64();
        using var officer = await web.SignedInAsync(OfficerOf(Commune));
        using var author = await web.SignedInAsync(Author);

        using var refused = await officer.GetAsync($"/rules/default/drafts/{id}/previews/{previewId}");
        using var refusedCsv = await officer.GetAsync($"/rules/default/drafts/{id}/previews/{previewId}?handler=AffectedParcels");
        using var missing = await author.GetAsync($"/rules/default/drafts/{id}/previews/999999");

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, refusedCsv.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    static (string, string) Token(string page) => ("__RequestVerificationToken", RequestToken().Match(page).Groups[1].Value);

    static async Task<string> PageAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"[^>]*>""")]
    private static partial Regex RequestToken();
}
