using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LandQuality.Review.Queue;

namespace LandQuality.IntegrationTests.Web.RuleSets;

/// <summary>Requests of the rule editor's API shared by its tests: two policy officers, drafts, rule bodies.</summary>
static class RuleEditorApi
{
    public const string Author = "chinhsach";
    public const string SecondOfficer = "chinhsach.2";

    public static async Task EnsureSecondOfficerAsync(WebScenario web)
    {
        if (await web.Accounts.FindAsync(SecondOfficer, CancellationToken.None) is null)
            await web.Accounts.AddAsync(SecondOfficer, "Cán bộ chính sách 2", Roles.PolicyStaff, "46", WebScenario.Password, CancellationToken.None);
    }

    public static async Task<JsonElement> ExpectAsync(HttpStatusCode status, Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        if (body.Length == 0)
            return default;
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    public static async Task<int> PublishedVersionAsync(HttpClient api)
    {
        var sets = await ExpectAsync(HttpStatusCode.OK, api.GetAsync("/api/rule-sets"));
        return sets.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "default").GetProperty("published_version").GetInt32();
    }

    /// <summary>A new draft of the default rule set from the version in force; its id.</summary>
    public static async Task<long> NewDraftAsync(HttpClient api)
    {
        var created = await ExpectAsync(HttpStatusCode.Created,
            api.PostAsJsonAsync("/api/rule-sets/default/drafts", new { from_version = await PublishedVersionAsync(api) }));
        return created.GetProperty("draft_id").GetInt64();
    }

    public static object Rule(object? condition = null, string? expression = null, object? parameters = null, string severity = "warning") => new
    {
        dimension = "đúng", severity, stage = "commune",
        message_vi = "Giấy chứng nhận cấp trước khi người sử dụng đất sinh ra.",
        message_en = "The certificate was issued before the right holder was born.",
        enabled = true, condition, expression, parameters,
    };

    /// <summary>"the certificate was issued before the owner was born", as the form builds it.</summary>
    public static readonly object IssuedBeforeBirth = new
    {
        kind = "quantified", over = "any_owner",
        condition = new { kind = "field", field = "CertificateIssuedOn", @operator = "less_than", operand = new { field = "owner.BirthDate" } },
    };

    /// <summary>Fails every parcel of the scenario (their certificates are from 2010), so the preview has something to count.</summary>
    public static readonly object IssuedBefore2011 = new
    {
        kind = "field", field = "CertificateIssuedOn", @operator = "less_than", operand = new { parameter = "cutoff" },
    };

    public static readonly object[] Cutoff = [new { name = "cutoff", type = "date", value = "2011-01-01" }];

    public static string DraftPath(long id) => $"/api/rule-sets/default/drafts/{id}";
}
