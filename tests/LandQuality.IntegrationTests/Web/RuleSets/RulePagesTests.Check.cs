using System.Net;
using System.Text.Json;
using static LandQuality.IntegrationTests.Web.RuleSets.RuleEditorApi;

namespace LandQuality.IntegrationTests.Web.RuleSets;

/// <summary>The rule form checked as the officer types: the expression it would store, or the refusal with its position; nothing saved.</summary>
public sealed partial class RulePagesTests
{
    [Fact]
    public async Task Checking_the_form_gives_the_expression_it_would_store_and_saves_nothing()
    {
        using var browser = await web.SignedInAsync(Author);
        var draftPath = await NewDraftPageAsync(browser);
        var draft = await PageAsync(browser, draftPath);

        using var checkedForm = await browser.PostAsync($"{draftPath}?handler=Check", RuleForm(draft, "checked_only",
            ("Input.Mode", "condition"), ("Input.Clauses[0].Field", "CertificateIssuedOn"), ("Input.Clauses[0].Operator", "less_than"),
            ("Input.Clauses[0].OtherField", "owner.BirthDate"), ("Input.Clauses[0].Over", "every_owner")));

        Assert.Equal(HttpStatusCode.OK, checkedForm.StatusCode);
        using var json = JsonDocument.Parse(await checkedForm.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("Biểu thức sinh ra", json.RootElement.GetProperty("title").GetString());
        Assert.Equal("!(input1.Owners.All(o => input1.CertificateIssuedOn < o.BirthDate))", json.RootElement.GetProperty("expression").GetString());
        Assert.DoesNotContain("<td>checked_only</td>", await PageAsync(browser, draftPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checking_a_raw_expression_with_an_unknown_name_says_where_and_suggests_the_nearest()
    {
        using var browser = await web.SignedInAsync(Author);
        var draftPath = await NewDraftPageAsync(browser);
        var draft = await PageAsync(browser, draftPath);

        using var checkedForm = await browser.PostAsync($"{draftPath}?handler=Check", RuleForm(draft, "",
            ("Input.Mode", "expression"), ("Input.Expression", "input1.AreaM2 > 0 && input1.UpdateOn != null")));

        using var json = JsonDocument.Parse(await checkedForm.Content.ReadAsStringAsync());
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Contains("`UpdatedOn`", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("input1.AreaM2 > 0 && input1.UpdateOn != null", json.RootElement.GetProperty("expression").GetString());
        var position = json.RootElement.GetProperty("position").GetInt32();
        Assert.InRange(position, "input1.AreaM2 > 0 && ".Length, "input1.AreaM2 > 0 && input1.UpdateOn".Length);
    }

    [Fact]
    public async Task Checking_a_reflection_call_is_refused_by_name()
    {
        using var browser = await web.SignedInAsync(Author);
        var draftPath = await NewDraftPageAsync(browser);
        var draft = await PageAsync(browser, draftPath);

        using var checkedForm = await browser.PostAsync($"{draftPath}?handler=Check", RuleForm(draft, "sneaky",
            ("Input.Mode", "expression"), ("Input.Expression", "input1.GetType().Assembly != null")));

        using var json = JsonDocument.Parse(await checkedForm.Content.ReadAsStringAsync());
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Contains("không được dùng trong quy tắc", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
