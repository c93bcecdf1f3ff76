using System.Net;
using System.Text.RegularExpressions;
using static LandQuality.IntegrationTests.Web.RuleSets.RuleEditorApi;
using static LandQuality.IntegrationTests.Web.WebScenario;

namespace LandQuality.IntegrationTests.Web.RuleSets;

/// <summary>
/// The version pages for policy staff (<c>/rules/{name}/versions/{v}</c>, <c>/rules/{name}/diff</c>): a version read
/// with its rules, two versions side by side, a rollback on the page that still takes a second officer, the
/// re-evaluation under the version in force; what does not exist, and anyone but policy staff, find nothing.
/// </summary>
public sealed partial class RuleVersionPagesTests(WebScenario web) : IClassFixture<WebScenario>
{
    const string V1JunkText = "!(address in (\"-\", \".\", \"0\", \"?\", \"x\", \"n/a\", \"null\", \"không\", \"không rõ\")) && input1.Owners.Select(o => (o.FullName ?? \"\").Trim().ToLowerInvariant()).All(name => !(name in (\"-\", \".\", \"0\", \"?\", \"x\", \"n/a\", \"null\", \"không\", \"không rõ\")))";
    const string V3JunkText = "!Texts.IsPlaceholder(input1.Address) && input1.Owners.All(o => !Texts.IsPlaceholder(o.FullName))";

    [Fact]
    public async Task The_list_links_each_version_to_its_page_which_shows_every_rule_read_only()
    {
        using var browser = await web.SignedInAsync(Author);

        var list = await PageAsync(browser, "/rules");
        var page = await PageAsync(browser, "/rules/default/versions/3");

        Assert.Contains("<a href=\"/rules/default/versions/1\">v1</a>", list, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/rules/default/versions/3\">v3</a>", list, StringComparison.Ordinal);
        Assert.Contains("default · Phiên bản v3", page, StringComparison.Ordinal);
        Assert.Contains("LandQuality (shipped)", page, StringComparison.Ordinal);
        Assert.Contains("shipped as rules/default/3.json", page, StringComparison.Ordinal);
        var row = RuleRow(page, "junk_text");
        Assert.Contains($"<code class=\"expression\">{V3JunkText}</code>", row, StringComparison.Ordinal);
        Assert.Contains("Địa chỉ hoặc họ tên là giá trị rác", row, StringComparison.Ordinal);
        Assert.Contains("An address or name is a filler value", row, StringComparison.Ordinal);
        Assert.Contains("<td>Cảnh báo</td>", row, StringComparison.Ordinal);
        Assert.Contains("staleAfterYears = ", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", RulesSection(page), StringComparison.Ordinal); // read-only
        Assert.Contains("<code class=\"parameter\">address = (input1.Address ?? \"\").Trim().ToLowerInvariant()</code>",
            RuleRow(await PageAsync(browser, "/rules/default/versions/1"), "junk_text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_diff_shows_a_changed_rule_old_beside_new_and_the_rules_and_parameters_added_or_removed()
    {
        using var browser = await web.SignedInAsync(Author);

        var forward = await RawPageAsync(browser, "/rules/default/diff?from=1&to=3");
        var backward = await RawPageAsync(browser, "/rules/default/diff?from=3&to=1");

        var junk = Section(forward, "junk_text");
        Assert.Contains("thay đổi", junk, StringComparison.Ordinal);
        var (oldCell, newCell) = ExpressionCells(junk);
        Assert.Equal(V1JunkText, Text(oldCell));
        Assert.Equal(V3JunkText, Text(newCell));
        Assert.Contains("<del>", oldCell, StringComparison.Ordinal);
        Assert.DoesNotContain("<ins>", oldCell, StringComparison.Ordinal);
        Assert.Contains("<ins>", newCell, StringComparison.Ordinal);
        Assert.Matches("<tr class=\"parameter changed\">\\s*<th>Tham số <code>address</code></th>\\s*<td>\\s*<code>\\(input1.Address", junk);
        var added = Section(forward, "missing_updated_on");
        Assert.Contains("thêm mới", added, StringComparison.Ordinal);
        Assert.Equal(("", "input1.UpdatedOn != null"), (Text(ExpressionCells(added).Old), Text(ExpressionCells(added).New)));
        Assert.Contains("Hồ sơ thửa đất chưa có ngày cập nhật.", WebUtility.HtmlDecode(added), StringComparison.Ordinal);
        Assert.Matches("<th><code>staleAfterYears</code>", forward);
        Assert.DoesNotContain("<h2>missing_owner ", forward, StringComparison.Ordinal); // unchanged rules are not listed
        var removed = Section(backward, "missing_updated_on");
        Assert.Contains("bị bỏ", removed, StringComparison.Ordinal);
        Assert.Equal(("input1.UpdatedOn != null", ""), (Text(ExpressionCells(removed).Old), Text(ExpressionCells(removed).New)));
    }

    [Fact]
    public async Task Equal_versions_have_no_differences_and_the_default_compares_with_the_version_in_force()
    {
        using var browser = await web.SignedInAsync(Author);
        using var english = await web.SignedInAsync(Author, english: true);
        using var api = await web.ApiAsAsync(Author);
        var published = await PublishedVersionAsync(api);

        var same = await PageAsync(browser, $"/rules/default/diff?from={published}&to={published}");
        var sameInEnglish = await PageAsync(english, $"/rules/default/diff?from={published}&to={published}");
        var byDefault = await PageAsync(browser, "/rules/default/diff");

        Assert.Contains("Hai phiên bản giống nhau: không có khác biệt.", same, StringComparison.Ordinal);
        Assert.DoesNotContain("<table class=\"side-by-side\">", same, StringComparison.Ordinal);
        Assert.Contains("The two versions are the same: no differences.", sameInEnglish, StringComparison.Ordinal);
        Assert.Contains("Compare versions", sameInEnglish, StringComparison.Ordinal);
        Assert.Matches($"<small>v[0-9]+ → v{published}</small>", byDefault);
        Assert.Matches($"<select name=\"to\">(?:(?!</select>).)*<option value=\"{published}\" selected=\"selected\">", Regex.Replace(byDefault, "\\s+", " "));
        Assert.DoesNotContain("không có khác biệt", byDefault, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rollback_on_the_page_is_a_marked_draft_the_author_cannot_approve_and_a_second_officer_publishes_as_a_new_version()
    {
        await EnsureSecondOfficerAsync(web);
        using var author = await web.SignedInAsync(Author);
        using var api = await web.ApiAsAsync(Author);
        var before = await PublishedVersionAsync(api);
        var version = await PageAsync(author, "/rules/default/versions/2");
        Assert.Contains("Khôi phục phiên bản này", version, StringComparison.Ordinal);

        using var rolledBack = await author.PostAsync("/rules/default/versions/2?handler=Rollback", Form(Token(version)));

        Assert.Equal(HttpStatusCode.Redirect, rolledBack.StatusCode);
        var draftPath = rolledBack.Headers.Location!.OriginalString;
        Assert.Matches("^/rules/default/drafts/[0-9]+$", draftPath);
        var draft = await PageAsync(author, draftPath);
        Assert.Contains("Bản nháp này khôi phục phiên bản v2", draft, StringComparison.Ordinal);
        Assert.Contains(">Khôi phục v2 — Roll back to v2</textarea>", draft, StringComparison.Ordinal);
        Assert.Contains("Mở để khôi phục phiên bản cũ", draft, StringComparison.Ordinal);
        using var submitted = await author.PostAsync($"{draftPath}?handler=Submit",
            Form(("changeNote", "Khôi phục v2 — Roll back to v2"), ("revision", Revision().Match(draft).Groups[1].Value), Token(draft)));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        draft = await PageAsync(author, draftPath);
        using var own = await author.PostAsync($"{draftPath}?handler=Approve", Form(Token(draft)));
        Assert.Contains("không được tự duyệt", WebUtility.HtmlDecode(await own.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await PublishedVersionAsync(api));

        using var second = await web.SignedInAsync(SecondOfficer);
        using var approved = await second.PostAsync($"{draftPath}?handler=Approve", Form(Token(await PageAsync(second, draftPath))));

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var now = await PublishedVersionAsync(api);
        Assert.True(now > 3, $"the rollback was published as v{now}, not as a new version");
        var old = await ExpectAsync(HttpStatusCode.OK, api.GetAsync("/api/rule-sets/default/versions/2"));
        var restored = await ExpectAsync(HttpStatusCode.OK, api.GetAsync($"/api/rule-sets/default/versions/{now}"));
        Assert.Equal(old.GetProperty("rules").GetRawText(), restored.GetProperty("rules").GetRawText());
        Assert.Equal(old.GetProperty("global_params").GetRawText(), restored.GetProperty("global_params").GetRawText());
        Assert.Equal("superseded", old.GetProperty("status").GetString());

        // The new version's page: in force, no rollback of itself, and the re-evaluation the approval started.
        var page = await PageAsync(second, $"/rules/default/versions/{now}");
        for (var i = 0; i < 120 && !page.Contains("<dd class=\"run-completed\">", StringComparison.Ordinal); i++)
        {
            await Task.Delay(250);
            page = await PageAsync(second, $"/rules/default/versions/{now}");
        }
        Assert.Contains("Khôi phục v2 — Roll back to v2", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Khôi phục phiên bản này", page, StringComparison.Ordinal);
        var run = Regex.Match(page, "<section class=\"latest-run\">.*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains("<dd class=\"run-completed\">đã xong</dd>", run, StringComparison.Ordinal);
        Assert.Contains("<dd>120</dd>", run, StringComparison.Ordinal);
        Assert.Contains($" · {SecondOfficer}</dd>", run, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_version_in_force_offers_no_rollback_and_shows_its_latest_evaluation()
    {
        using var browser = await web.SignedInAsync(Author);
        using var api = await web.ApiAsAsync(Author);
        var published = await PublishedVersionAsync(api);

        var page = await PageAsync(browser, $"/rules/default/versions/{published}");
        using var refused = await browser.PostAsync($"/rules/default/versions/{published}?handler=Rollback", Form(Token(page)));

        Assert.DoesNotContain("Khôi phục phiên bản này", page, StringComparison.Ordinal);
        Assert.Contains("Kiểm tra lại dữ liệu theo phiên bản này", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("không có gì để khôi phục", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_English_the_version_page_offers_the_rollback_in_English()
    {
        using var browser = await web.SignedInAsync(Author, english: true);

        var page = await PageAsync(browser, "/rules/default/versions/1");

        Assert.Contains("Roll back to this version", page, StringComparison.Ordinal);
        Assert.Contains("Compare with the version in force", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Khôi phục phiên bản này", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/rules/default/versions/999")]
    [InlineData("/rules/nope/versions/1")]
    [InlineData("/rules/default/diff?from=1&to=999")]
    [InlineData("/rules/nope/diff")]
    [InlineData("/rules/default/drafts/999999")]
    public async Task What_does_not_exist_is_the_sites_404_page_not_the_apis_problem(string path)
    {
        using var browser = await web.SignedInAsync(Author);

        using var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // The API's handler would have told which rule set, version or draft is missing.
        Assert.DoesNotContain("không có", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/rules/default/drafts/999999?handler=Submit")]
    [InlineData("/rules/default/drafts/999999?handler=Approve")]
    [InlineData("/rules/default/versions/999?handler=Rollback")]
    [InlineData("/rules/nope/versions/1?handler=Rollback")]
    public async Task Acting_on_what_does_not_exist_is_the_sites_404_page(string path)
    {
        using var browser = await web.SignedInAsync(Author);
        var list = await PageAsync(browser, "/rules");

        using var response = await browser.PostAsync(path, Form(("changeNote", "x"), Token(list)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("không có", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_commune_officer_does_not_find_the_version_and_diff_pages_nor_rolls_back()
    {
        using var officer = await web.SignedInAsync(OfficerOf(Commune));
        using var api = await web.ApiAsAsync(Author);
        var drafts = (await ExpectAsync(HttpStatusCode.OK, api.GetAsync("/api/rule-sets"))).EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == "default").GetProperty("drafts").GetArrayLength();
        var queue = await PageAsync(officer, "/queue");

        using var version = await officer.GetAsync("/rules/default/versions/1");
        using var diff = await officer.GetAsync("/rules/default/diff?from=1&to=3");
        using var rollback = await officer.PostAsync("/rules/default/versions/1?handler=Rollback", Form(Token(queue)));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (version.StatusCode, diff.StatusCode, rollback.StatusCode));
        Assert.Equal(drafts, (await ExpectAsync(HttpStatusCode.OK, api.GetAsync("/api/rule-sets"))).EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == "default").GetProperty("drafts").GetArrayLength());
    }

    /// <summary>One rule's row of a version page's table.</summary>
    static string RuleRow(string page, string rule) =>
        Regex.Match(RulesSection(page), $"<tr[^>]*>\\s*<td>{rule}</td>.*?</tr>", RegexOptions.Singleline) is { Success: true } m ? m.Value
            : throw new Xunit.Sdk.XunitException($"No row for {rule}.");

    static string RulesSection(string page) => Regex.Match(page, "<section class=\"rules\">.*?</section>", RegexOptions.Singleline).Value;

    /// <summary>One rule's section of the diff page, as served (not decoded).</summary>
    static string Section(string page, string rule) =>
        Regex.Match(page, $"<section class=\"rule-diff [a-z]+\">\\s*<h2>{rule} .*?</section>", RegexOptions.Singleline) is { Success: true } m ? m.Value
            : throw new Xunit.Sdk.XunitException($"No section for {rule}.");

    /// <summary>The old and new cells of a diff section's expression row.</summary>
    static (string Old, string New) ExpressionCells(string section)
    {
        var row = Regex.Match(section, "<th>Biểu thức</th>\\s*<td>(.*?)</td>\\s*<td>(.*?)</td>", RegexOptions.Singleline);
        Assert.True(row.Success, "No expression row.");
        return (row.Groups[1].Value, row.Groups[2].Value);
    }

    /// <summary>What a cell reads, without its markup; "" for the dash of a side without the rule.</summary>
    static string Text(string cell)
    {
        var text = WebUtility.HtmlDecode(Regex.Replace(cell, "<[^>]+>", "")).Trim();
        return text == "—" ? "" : text;
    }

    static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    static (string, string) Token(string page) => ("__RequestVerificationToken", RequestToken().Match(page).Groups[1].Value);

    static async Task<string> PageAsync(HttpClient browser, string path) => WebUtility.HtmlDecode(await RawPageAsync(browser, path));

    static async Task<string> RawPageAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"[^>]*>""")]
    private static partial Regex RequestToken();

    [GeneratedRegex("name=\"revision\" value=\"([0-9]+)\"")]
    private static partial Regex Revision();
}
