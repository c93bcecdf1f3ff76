using System.Net;
using static LandQuality.IntegrationTests.Web.RuleSets.RuleEditorApi;

namespace LandQuality.IntegrationTests.Web.RuleSets;

/// <summary>The papers a citizen brings, chosen on the rule form: saved with the rule, shown checked when it reopens.</summary>
public sealed partial class RulePagesTests
{
    [Fact]
    public async Task The_papers_chosen_for_a_rule_are_saved_and_reopen_checked()
    {
        using var browser = await web.SignedInAsync(Author);
        var draftPath = await NewDraftPageAsync(browser);
        var draft = await PageAsync(browser, draftPath);
        Assert.Contains("Giấy tờ người dân cần mang đến", draft, StringComparison.Ordinal);

        using var saved = await browser.PostAsync($"{draftPath}?handler=Put", RuleForm(draft, "survey_needed",
            ("Input.Mode", "expression"), ("Input.Expression", "input1.AreaM2 != null"),
            ("Input.CitizenPapers", "survey"), ("Input.CitizenPapers", "id_card")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await PageAsync(browser, saved.Headers.Location!.OriginalString);

        Assert.Matches("<input type=\"checkbox\" name=\"Input.CitizenPapers\" value=\"survey\" checked=\"checked\"", after);
        Assert.Matches("<input type=\"checkbox\" name=\"Input.CitizenPapers\" value=\"id_card\" checked=\"checked\"", after);
        Assert.Matches("<input type=\"checkbox\" name=\"Input.CitizenPapers\" value=\"certificate\" />", after);
    }

    [Fact]
    public async Task A_paper_nobody_knows_is_refused_and_the_rule_is_not_saved()
    {
        using var browser = await web.SignedInAsync(Author);
        var draftPath = await NewDraftPageAsync(browser);
        var draft = await PageAsync(browser, draftPath);

        using var refused = await browser.PostAsync($"{draftPath}?handler=Put", RuleForm(draft, "forged_paper",
            ("Input.Mode", "expression"), ("Input.Expression", "input1.AreaM2 != null"), ("Input.CitizenPapers", "passport")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("\"passport\" không phải loại giấy tờ người dân mang đến.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>forged_paper</td>", await PageAsync(browser, draftPath), StringComparison.Ordinal);
    }
}
