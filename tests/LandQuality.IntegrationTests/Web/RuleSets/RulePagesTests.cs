using System.Net;
using System.Text.RegularExpressions;
using static LandQuality.IntegrationTests.Web.RuleSets.RuleEditorApi;
using static LandQuality.IntegrationTests.Web.WebScenario;

namespace LandQuality.IntegrationTests.Web.RuleSets;

/// <summary>
/// The rule editor's pages for policy staff (<c>/rules</c>, <c>/rules/{name}/drafts/{id}</c>) through the browser's
/// cookie sign-in and anti-forgery tokens: a rule built on the simple form is listed with its expression, a refused
/// raw expression is shown with its message beside what was typed, and nobody else finds the pages.
/// </summary>
public sealed partial class RulePagesTests(WebScenario web) : IClassFixture<WebScenario>
{
    [Fact]
    public async Task A_policy_officer_opens_a_draft_adds_a_rule_on_the_form_and_sees_it_with_its_expression()
    {
        using var browser = await web.SignedInAsync(Author);
        var rules = await PageAsync(browser, "/rules");
        Assert.Contains("Bộ quy tắc", rules, StringComparison.Ordinal);
        var version = int.Parse(PublishedVersion().Match(rules).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"Mở bản nháp từ phiên bản {version}", rules, StringComparison.Ordinal);

        using var opened = await browser.PostAsync("/rules?handler=Open",
            Form(("name", "default"), ("fromVersion", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), Token(rules)));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var draftPath = opened.Headers.Location!.OriginalString;
        Assert.Matches("^/rules/default/drafts/[0-9]+$", draftPath);
        var draft = await PageAsync(browser, draftPath);
        Assert.Contains("CertificateIssuedOn — Ngày cấp", draft, StringComparison.Ordinal); // the reference and the field list, in Vietnamese

        using var saved = await browser.PostAsync($"{draftPath}?handler=Put", RuleForm(draft, "issued_before_owner_born",
            ("Input.Mode", "condition"), ("Input.Clauses[0].Field", "CertificateIssuedOn"), ("Input.Clauses[0].Operator", "less_than"),
            ("Input.Clauses[0].OtherField", "owner.BirthDate"), ("Input.Clauses[0].Over", "any_owner")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await PageAsync(browser, saved.Headers.Location!.OriginalString);

        Assert.Contains("Đã lưu quy tắc.", after, StringComparison.Ordinal);
        Assert.Contains("<td>issued_before_owner_born</td>", after, StringComparison.Ordinal);
        Assert.Contains("!(input1.Owners.Any(o => input1.CertificateIssuedOn < o.BirthDate))", after, StringComparison.Ordinal);
        // Reopened for editing on the simple form, with what was chosen.
        Assert.Matches("""<option[^>]*selected="selected"[^>]*value="owner.BirthDate"|<option value="owner.BirthDate" selected="selected">""", after);
    }

    [Fact]
    public async Task A_domain_check_picked_by_its_description_becomes_its_helper_call_for_any_owner()
    {
        using var browser = await web.SignedInAsync(Author);
        var draftPath = await NewDraftPageAsync(browser);
        var draft = await PageAsync(browser, draftPath);
        Assert.Contains("Họ tên khớp với CSDL dân cư", draft, StringComparison.Ordinal);

        using var saved = await browser.PostAsync($"{draftPath}?handler=Put", RuleForm(draft, "name_differs_from_registry",
            ("Input.Mode", "condition"), ("Input.Clauses[0].Kind", "check"), ("Input.Clauses[0].Check", "name_matches_registry"),
            ("Input.Clauses[0].CheckHolds", "false"), ("Input.Clauses[0].Over", "any_owner")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await PageAsync(browser, saved.Headers.Location!.OriginalString);

        Assert.Contains("VietnameseName.SamePerson(o.FullName, o.RegistryFullName)", after, StringComparison.Ordinal);
        Assert.Matches("<input type=\"radio\" name=\"Input.Clauses\\[0\\].Kind\" value=\"check\" checked=\"checked\"", after);
    }

    [Fact]
    public async Task A_refused_raw_expression_shows_its_message_and_keeps_what_was_typed()
    {
        using var browser = await web.SignedInAsync(Author);
        var draftPath = await NewDraftPageAsync(browser);
        var draft = await PageAsync(browser, draftPath);

        using var refused = await browser.PostAsync($"{draftPath}?handler=Put", RuleForm(draft, "typo",
            ("Input.Mode", "expression"), ("Input.Expression", "input1.UpdateOn != null")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Quy tắc typo không biên dịch được", page, StringComparison.Ordinal);
        Assert.Contains("`UpdatedOn`", page, StringComparison.Ordinal);
        Assert.Contains("input1.UpdateOn != null</textarea>", page, StringComparison.Ordinal);
        Assert.Contains("value=\"typo\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>typo</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_author_cannot_approve_on_the_page_and_a_second_officer_publishes()
    {
        await EnsureSecondOfficerAsync(web);
        using var author = await web.SignedInAsync(Author);
        var draftPath = await NewDraftPageAsync(author);
        var draft = await PageAsync(author, draftPath);
        using var saved = await author.PostAsync($"{draftPath}?handler=Put", RuleForm(draft, "small_parcel",
            ("Input.Mode", "condition"), ("Input.Clauses[0].Field", "AreaM2"), ("Input.Clauses[0].Operator", "less_than"), ("Input.Clauses[0].Value", "5")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        draft = await PageAsync(author, draftPath);
        using var submitted = await author.PostAsync($"{draftPath}?handler=Submit",
            Form(("changeNote", "Thửa quá nhỏ"), ("revision", Revision().Match(draft).Groups[1].Value), Token(draft)));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);

        draft = await PageAsync(author, draftPath);
        Assert.DoesNotContain("Duyệt và công bố", draft, StringComparison.Ordinal);
        using var own = await author.PostAsync($"{draftPath}?handler=Approve", Form(Token(draft)));
        Assert.Contains("không được tự duyệt", WebUtility.HtmlDecode(await own.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var second = await web.SignedInAsync(SecondOfficer);
        var seen = await PageAsync(second, draftPath);
        Assert.Contains("Duyệt và công bố", seen, StringComparison.Ordinal);
        using var approved = await second.PostAsync($"{draftPath}?handler=Approve", Form(Token(seen)));
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains("đã công bố", await PageAsync(second, draftPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preview_counts_a_commune_per_rule_and_per_commune_and_try_shows_the_values_read()
    {
        using var browser = await web.SignedInAsync(Author);
        var draftPath = await NewDraftPageAsync(browser);
        var draft = await PageAsync(browser, draftPath);
        using var saved = await browser.PostAsync($"{draftPath}?handler=Put", RuleForm(draft, "issued_before_2011",
            ("Input.Mode", "condition"), ("Input.Clauses[0].Field", "CertificateIssuedOn"), ("Input.Clauses[0].Operator", "less_than"), ("Input.Clauses[0].Parameter", "cutoff"),
            ("Input.Parameters[0].Name", "cutoff"), ("Input.Parameters[0].Type", "date"), ("Input.Parameters[0].Value", "2011-01-01"),
            ("Input.Parameters[1].Name", ""), ("Input.Parameters[1].Type", "number"), ("Input.Parameters[1].Value", "")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        draft = await PageAsync(browser, saved.Headers.Location!.OriginalString);
        // The threshold is a named parameter, reopened on the form to be changed without touching the condition.
        Assert.Contains("input1.CertificateIssuedOn < cutoff", draft, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Parameters[0].Name\" value=\"cutoff\"", draft, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Parameters[0].Value\" value=\"2011-01-01\"", draft, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Clauses[0].Parameter\" value=\"cutoff\"", draft, StringComparison.Ordinal);

        using var previewed = await browser.PostAsync($"{draftPath}?handler=Preview", Form(("commune", OtherCommune), Token(draft)));
        var preview = WebUtility.HtmlDecode(await previewed.Content.ReadAsStringAsync());
        using var tried = await browser.PostAsync($"{draftPath}?handler=Try", Form(("rule", "issued_before_2011"), ("commune", Commune), Token(draft)));
        var trial = WebUtility.HtmlDecode(await tried.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        Assert.Contains("trên 40 thửa", preview, StringComparison.Ordinal);
        Assert.Matches("<tr><td>issued_before_2011</td><td class=\"num\">40</td><td class=\"num\">0</td>", preview);
        Assert.Matches($"<tr><td>{OtherCommune}</td><td class=\"num\">[0-9]+</td>", preview);
        Assert.Equal(HttpStatusCode.OK, tried.StatusCode);
        Assert.Contains("40 thửa: 0 đạt, 40 không đạt, 0 lỗi quy tắc.", trial, StringComparison.Ordinal);
        Assert.Contains("CertificateIssuedOn = 06/05/2010", trial, StringComparison.Ordinal);
        var csv = (await browser.GetStringAsync($"{draftPath}?handler=AffectedParcels&commune={OtherCommune}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("parcel_id,commune_code,rule,change", csv[0]);
        Assert.Contains($"\"{ParcelId(OtherCommune, 1)}\",\"{OtherCommune}\",\"issued_before_2011\",newly_failing", csv);
    }

    [Fact]
    public async Task Try_runs_on_the_parcels_named_and_refuses_when_neither_a_commune_nor_parcels_are_given()
    {
        using var browser = await web.SignedInAsync(Author);
        var draftPath = await NewDraftPageAsync(browser);
        var draft = await PageAsync(browser, draftPath);
        using var saved = await browser.PostAsync($"{draftPath}?handler=Put", RuleForm(draft, "tiny_parcel",
            ("Input.Mode", "condition"), ("Input.Clauses[0].Field", "AreaM2"), ("Input.Clauses[0].Operator", "less_than"), ("Input.Clauses[0].Value", "100000")));
        draft = await PageAsync(browser, saved.Headers.Location!.OriginalString);

        using var named = await browser.PostAsync($"{draftPath}?handler=Try",
            Form(("rule", "tiny_parcel"), ("commune", ""), ("parcels", $"{ParcelId(Commune, 1)}, {ParcelId(OtherCommune, 2)}"), Token(draft)));
        using var neither = await browser.PostAsync($"{draftPath}?handler=Try", Form(("rule", "tiny_parcel"), ("commune", ""), ("parcels", ""), Token(draft)));

        var trial = WebUtility.HtmlDecode(await named.Content.ReadAsStringAsync());
        Assert.Contains("2 thửa: 0 đạt, 2 không đạt, 0 lỗi quy tắc.", trial, StringComparison.Ordinal);
        Assert.Contains($"<td>{ParcelId(OtherCommune, 2)}</td>", trial, StringComparison.Ordinal);
        Assert.Contains("Chọn một xã (commune) hoặc liệt kê mã thửa", WebUtility.HtmlDecode(await neither.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_English_the_pages_and_the_refusals_read_in_English()
    {
        using var browser = await web.SignedInAsync(Author, english: true);
        var draftPath = await NewDraftPageAsync(browser, english: true);
        var draft = await PageAsync(browser, draftPath);

        using var refused = await browser.PostAsync($"{draftPath}?handler=Put", RuleForm(draft, "typo",
            ("Input.Mode", "expression"), ("Input.Expression", "input1.UpdateOn != null")));

        Assert.Contains("Open a draft from version", await PageAsync(browser, "/rules"), StringComparison.Ordinal);
        Assert.Contains("Fields and helpers a rule can use", draft, StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Rule typo does not compile", page, StringComparison.Ordinal);
        Assert.DoesNotContain("không biên dịch được", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_commune_officer_does_not_find_the_rule_pages()
    {
        using var officer = await web.SignedInAsync(OfficerOf(Commune));

        using var list = await officer.GetAsync("/rules");
        using var draft = await officer.GetAsync("/rules/default/drafts/1");

        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
        Assert.DoesNotContain("href=\"/rules\"", await PageAsync(officer, "/queue"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_change_without_the_antiforgery_token_is_refused_and_the_draft_is_unchanged()
    {
        using var browser = await web.SignedInAsync(Author);
        var draftPath = await NewDraftPageAsync(browser);
        var draft = await PageAsync(browser, draftPath);

        using var forged = await browser.PostAsync($"{draftPath}?handler=Put", Form(("Input.Name", "forged"), ("Input.Mode", "expression"),
            ("Input.Expression", "true"), ("Input.MessageVi", "x"), ("Input.MessageEn", "x")));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain("<td>forged</td>", await PageAsync(browser, draftPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_commune_officer_cannot_open_a_draft_even_with_a_token_of_their_own()
    {
        using var officer = await web.SignedInAsync(OfficerOf(Commune));
        var queue = await PageAsync(officer, "/queue");

        using var opened = await officer.PostAsync("/rules?handler=Open", Form(("name", "default"), ("fromVersion", "1"), Token(queue)));

        Assert.Equal(HttpStatusCode.NotFound, opened.StatusCode);
    }

    [Fact]
    public async Task A_draft_that_does_not_exist_or_belongs_to_another_rule_set_is_not_found()
    {
        using var browser = await web.SignedInAsync(Author);
        var draftPath = await NewDraftPageAsync(browser);

        using var missing = await browser.GetAsync("/rules/default/drafts/999999");
        using var elsewhere = await browser.GetAsync(draftPath.Replace("/rules/default/", "/rules/other/", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    async Task<string> NewDraftPageAsync(HttpClient browser, bool english = false)
    {
        var rules = await PageAsync(browser, "/rules");
        var version = (english ? PublishedVersionEn() : PublishedVersion()).Match(rules).Groups[1].Value;
        using var opened = await browser.PostAsync("/rules?handler=Open", Form(("name", "default"), ("fromVersion", version), Token(rules)));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        return opened.Headers.Location!.OriginalString;
    }

    /// <summary>The rule form as the page posts it: the metadata of a warning, the draft's revision, and the condition or expression.</summary>
    static FormUrlEncodedContent RuleForm(string page, string name, params (string Key, string Value)[] condition) => Form(
    [
        ("Input.Name", name), ("Input.Dimension", "correct"), ("Input.Severity", "warning"), ("Input.Stage", "commune"),
        ("Input.MessageVi", "Giấy chứng nhận cấp trước khi người sử dụng đất sinh ra."),
        ("Input.MessageEn", "The certificate was issued before the right holder was born."),
        ("Input.Enabled", "true"), ("Input.Enabled", "false"), ("Input.Revision", InputRevision().Match(page).Groups[1].Value),
        .. condition, Token(page),
    ]);

    static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    static (string, string) Token(string page) => ("__RequestVerificationToken", RequestToken().Match(page).Groups[1].Value);

    static async Task<string> PageAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("default · Phiên bản đang áp dụng: v([0-9]+)")]
    private static partial Regex PublishedVersion();

    [GeneratedRegex("default · Published version: v([0-9]+)")]
    private static partial Regex PublishedVersionEn();

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"[^>]*>""")]
    private static partial Regex RequestToken();

    [GeneratedRegex("name=\"Input.Revision\" value=\"([0-9]+)\"")]
    private static partial Regex InputRevision();

    [GeneratedRegex("name=\"revision\" value=\"([0-9]+)\"")]
    private static partial Regex Revision();
}
