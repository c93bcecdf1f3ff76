using System.Net;
using static LandQuality.IntegrationTests.Web.RuleSets.RuleEditorApi;

namespace LandQuality.IntegrationTests.Web.RuleSets;

/// <summary>Several conditions on the rule form, combined with all / any, added and removed without losing what was typed.</summary>
public sealed partial class RulePagesTests
{
    [Fact]
    public async Task Two_conditions_combined_with_any_are_saved_as_one_expression_and_reopen_as_two_rows()
    {
        using var browser = await web.SignedInAsync(Author);
        var draftPath = await NewDraftPageAsync(browser);
        var draft = await PageAsync(browser, draftPath);
        (string, string)[] first = [("Input.Mode", "condition"), ("Input.Combine", "any"),
            ("Input.Clauses[0].Kind", "field"), ("Input.Clauses[0].Field", "AreaM2"), ("Input.Clauses[0].Operator", "less_than"), ("Input.Clauses[0].Value", "5")];

        using var added = await browser.PostAsync($"{draftPath}?handler=AddClause", RuleForm(draft, "tiny_or_unborn", first));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var twoRows = WebUtility.HtmlDecode(await added.Content.ReadAsStringAsync());
        Assert.Contains("Điều kiện 2", twoRows, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Clauses[1].Field\"", twoRows, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Clauses[0].Value\" value=\"5\"", twoRows, StringComparison.Ordinal); // the first row as typed
        Assert.DoesNotContain("<td>tiny_or_unborn</td>", twoRows, StringComparison.Ordinal); // nothing saved yet

        using var saved = await browser.PostAsync($"{draftPath}?handler=Put", RuleForm(draft, "tiny_or_unborn",
        [
            .. first, ("Input.Clauses[1].Kind", "field"), ("Input.Clauses[1].Field", "owner.BirthDate"), ("Input.Clauses[1].Operator", "empty"),
            ("Input.Clauses[1].Over", "every_owner"),
            ("Input.Clauses[2].Kind", "field"), ("Input.Clauses[2].Field", ""), // a blank row is no condition
        ]));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await PageAsync(browser, saved.Headers.Location!.OriginalString);

        Assert.Contains("!((input1.AreaM2 < 5 || input1.Owners.All(o => o.BirthDate == null)))", after, StringComparison.Ordinal);
        Assert.Contains("<option value=\"any\" selected=\"selected\">", after, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Clauses[1].Field\"", after, StringComparison.Ordinal);
        Assert.Matches("<option value=\"every_owner\" selected=\"selected\">", after);
        Assert.DoesNotContain("name=\"Input.Clauses[2].Field\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_second_condition_is_named_by_its_number_and_the_rows_stay_as_typed()
    {
        using var browser = await web.SignedInAsync(Author);
        var draftPath = await NewDraftPageAsync(browser);
        var draft = await PageAsync(browser, draftPath);

        using var refused = await browser.PostAsync($"{draftPath}?handler=Put", RuleForm(draft, "half_done",
            ("Input.Mode", "condition"), ("Input.Combine", "all"),
            ("Input.Clauses[0].Field", "AreaM2"), ("Input.Clauses[0].Operator", "greater_than"), ("Input.Clauses[0].Value", "10000"),
            ("Input.Clauses[1].Field", "CertificateIssuedOn"), ("Input.Clauses[1].Operator", "")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Điều kiện 2: Chọn một phép so sánh.", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Clauses[0].Value\" value=\"10000\"", page, StringComparison.Ordinal);
        Assert.Matches("<option value=\"CertificateIssuedOn\"[^>]*selected=\"selected\"", page);
        Assert.DoesNotContain("<td>half_done</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_condition_keeps_the_others_as_typed()
    {
        using var browser = await web.SignedInAsync(Author);
        var draftPath = await NewDraftPageAsync(browser);
        var draft = await PageAsync(browser, draftPath);

        using var removed = await browser.PostAsync($"{draftPath}?handler=RemoveClause", RuleForm(draft, "one_left",
            ("clause", "0"), ("Input.Mode", "condition"),
            ("Input.Clauses[0].Field", "AreaM2"), ("Input.Clauses[0].Operator", "less_than"), ("Input.Clauses[0].Value", "5"),
            ("Input.Clauses[1].Field", "UpdatedOn"), ("Input.Clauses[1].Operator", "empty")));

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var page = WebUtility.HtmlDecode(await removed.Content.ReadAsStringAsync());
        Assert.DoesNotContain("name=\"Input.Clauses[1].Field\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"5\"", page, StringComparison.Ordinal);
        Assert.Matches("<option value=\"UpdatedOn\"[^>]*selected=\"selected\"", page);
    }
}
