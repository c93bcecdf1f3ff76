using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static LandQuality.IntegrationTests.Web.RuleSets.RuleEditorApi;
using static LandQuality.IntegrationTests.Web.WebScenario;

namespace LandQuality.IntegrationTests.Web.RuleSets;

/// <summary>
/// The versions of a rule set through the API: each read with its rules, expressions and parameters; a rollback opens a
/// draft holding an old version's content that only a second officer's approval publishes, as a new version; and a
/// rule set, version or draft that does not exist is a ProblemDetails 404 on every route.
/// </summary>
public sealed class RuleVersionsApiTests(WebScenario web) : IClassFixture<WebScenario>
{
    [Fact]
    public async Task Every_version_is_listed_with_its_standing_and_read_with_its_rules_and_parameters()
    {
        using var api = await web.ApiAsAsync(Author);
        var published = await PublishedVersionAsync(api);

        var versions = await ExpectAsync(HttpStatusCode.OK, api.GetAsync("/api/rule-sets/default/versions"));
        var shipped = await ExpectAsync(HttpStatusCode.OK, api.GetAsync("/api/rule-sets/default/versions/3"));

        Assert.Equal([1, 2, 3], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).Take(3));
        Assert.Equal("published", versions.EnumerateArray().Single(v => v.GetProperty("version").GetInt32() == published).GetProperty("status").GetString());
        Assert.Equal("LandQuality (shipped)", versions[0].GetProperty("created_by").GetString());
        Assert.Equal(3, shipped.GetProperty("version").GetInt32());
        Assert.Equal("shipped as rules/default/3.json", shipped.GetProperty("change_note").GetString());
        Assert.Equal("LandQuality (shipped)", shipped.GetProperty("published_by").GetString());
        Assert.Equal(JsonValueKind.String, shipped.GetProperty("published_at").ValueKind);
        var junk = shipped.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "junk_text");
        Assert.Equal("!Texts.IsPlaceholder(input1.Address) && input1.Owners.All(o => !Texts.IsPlaceholder(o.FullName))", junk.GetProperty("expression").GetString());
        Assert.Equal(("clean", "warning"), (junk.GetProperty("dimension").GetString(), junk.GetProperty("severity").GetString()));
        Assert.Contains(shipped.GetProperty("global_params").EnumerateArray(), p => p.GetProperty("name").GetString() == "staleAfterYears");
        var first = await ExpectAsync(HttpStatusCode.OK, api.GetAsync("/api/rule-sets/default/versions/1"));
        var oldJunk = first.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "junk_text");
        Assert.Equal("(input1.Address ?? \"\").Trim().ToLowerInvariant()", oldJunk.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "address").GetProperty("expression").GetString());
    }

    [Fact]
    public async Task A_rollback_is_a_draft_with_the_old_content_that_a_second_officer_publishes_as_a_new_version()
    {
        await EnsureSecondOfficerAsync(web);
        using var author = await web.ApiAsAsync(Author);
        using var second = await web.ApiAsAsync(SecondOfficer);
        var before = await PublishedVersionAsync(author);
        var latest = (await ExpectAsync(HttpStatusCode.OK, author.GetAsync("/api/rule-sets/default/versions"))).EnumerateArray().Max(v => v.GetProperty("version").GetInt32());
        var old = await ExpectAsync(HttpStatusCode.OK, author.GetAsync("/api/rule-sets/default/versions/1"));

        var created = await ExpectAsync(HttpStatusCode.Created, author.PostAsync("/api/rule-sets/default/versions/1/rollback", null));

        var id = created.GetProperty("draft_id").GetInt64();
        var draft = await ExpectAsync(HttpStatusCode.OK, author.GetAsync(DraftPath(id)));
        Assert.Equal((1, 1, "editing"), (draft.GetProperty("restores_version").GetInt32(), draft.GetProperty("from_version").GetInt32(), draft.GetProperty("status").GetString()));
        Assert.Equal(Rules(old), Rules(draft));
        Assert.Equal(["created", "opened_for_rollback"], draft.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("action").GetString()!));

        await ExpectAsync(HttpStatusCode.OK, author.PostAsJsonAsync($"{DraftPath(id)}/submit", new { change_note = "Khôi phục v1 — Roll back to v1" }));
        await ExpectAsync(HttpStatusCode.Forbidden, author.PostAsync($"{DraftPath(id)}/approve", null));
        Assert.Equal(before, await PublishedVersionAsync(author));
        var approved = await ExpectAsync(HttpStatusCode.OK, second.PostAsync($"{DraftPath(id)}/approve", null));

        var version = approved.GetProperty("version").GetInt32();
        Assert.Equal(latest + 1, version);
        var restored = await ExpectAsync(HttpStatusCode.OK, second.GetAsync($"/api/rule-sets/default/versions/{version}"));
        Assert.Equal(("published", SecondOfficer, Author), (restored.GetProperty("status").GetString(), restored.GetProperty("published_by").GetString(),
            restored.GetProperty("created_by").GetString()));
        Assert.StartsWith("Khôi phục v1 — Roll back to v1", restored.GetProperty("change_note").GetString(), StringComparison.Ordinal);
        Assert.Equal(Rules(old), Rules(restored));
        Assert.Equal(old.GetProperty("content_hash").GetString(), restored.GetProperty("content_hash").GetString());
        var replaced = await ExpectAsync(HttpStatusCode.OK, second.GetAsync($"/api/rule-sets/default/versions/{before}"));
        Assert.Equal("retired", replaced.GetProperty("status").GetString());
        var diff = await ExpectAsync(HttpStatusCode.OK, second.GetAsync($"/api/rule-sets/default/diff?from=1&to={version}"));
        Assert.Equal(0, diff.GetProperty("rules").GetArrayLength());

        // v1's content is now in force: rolling back to it again, or to the new version, has nothing to restore.
        var again = await ExpectAsync(HttpStatusCode.Conflict, author.PostAsync("/api/rule-sets/default/versions/1/rollback", null));
        Assert.Contains($"The version in force (v{version}) has exactly v1's content", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ExpectAsync(HttpStatusCode.Conflict, author.PostAsync($"/api/rule-sets/default/versions/{version}/rollback", null));
    }

    [Fact]
    public async Task Rolling_back_to_the_version_in_force_is_refused_and_opens_no_draft()
    {
        using var api = await web.ApiAsAsync(Author);
        var published = await PublishedVersionAsync(api);
        var drafts = await DraftCountAsync(api);

        var refused = await ExpectAsync(HttpStatusCode.Conflict, api.PostAsync($"/api/rule-sets/default/versions/{published}/rollback", null));

        Assert.Contains("nothing to roll back to", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("không có gì để khôi phục", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(drafts, await DraftCountAsync(api));
    }

    public static TheoryData<string, string, string?> MissingThings() => new()
    {
        { "GET", "/api/rule-sets/nope/versions", null },
        { "GET", "/api/rule-sets/nope/versions/1", null },
        { "GET", "/api/rule-sets/default/versions/999", null },
        { "POST", "/api/rule-sets/default/versions/999/rollback", null },
        { "POST", "/api/rule-sets/nope/versions/1/rollback", null },
        { "GET", "/api/rule-sets/default/diff?from=1&to=999", null },
        { "GET", "/api/rule-sets/default/diff?from=999&to=1", null },
        { "GET", "/api/rule-sets/nope/diff?from=1&to=3", null },
        { "GET", "/api/rule-sets/nope/evaluations", null },
        { "POST", "/api/rule-sets/nope/drafts", """{"from_version": 1}""" },
        { "POST", "/api/rule-sets/default/drafts", """{"from_version": 999}""" },
        { "GET", "/api/rule-sets/default/drafts/999999", null },
        { "DELETE", "/api/rule-sets/default/drafts/999999", null },
        { "PUT", "/api/rule-sets/default/drafts/999999/rules/r", """{"dimension": "correct", "severity": "warning", "stage": "commune", "message_vi": "x", "message_en": "x", "enabled": true, "expression": "true"}""" },
        { "DELETE", "/api/rule-sets/default/drafts/999999/rules/r", null },
        { "POST", "/api/rule-sets/default/drafts/999999/preview", null },
        { "GET", "/api/rule-sets/default/drafts/999999/preview/parcels.csv", null },
        { "POST", "/api/rule-sets/default/drafts/999999/try", """{"rule": "missing_owner"}""" },
        { "POST", "/api/rule-sets/default/drafts/999999/submit", """{"change_note": "x"}""" },
        { "POST", "/api/rule-sets/default/drafts/999999/approve", null },
    };

    [Theory]
    [MemberData(nameof(MissingThings))]
    public async Task What_does_not_exist_is_a_problem_details_404(string method, string path, string? body)
    {
        using var api = await web.ApiAsAsync(Author);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await api.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Không tìm thấy — Not found", problem.RootElement.GetProperty("title").GetString());
    }

    public static TheoryData<string, string, string> OthersAndRoutes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var user in new[] { OfficerOf(Commune), "so.1", "ca.1", "kiemtoan" })
        {
            data.Add(user, "GET", "/api/rule-sets/default/versions");
            data.Add(user, "GET", "/api/rule-sets/default/versions/1");
            data.Add(user, "POST", "/api/rule-sets/default/versions/1/rollback");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(OthersAndRoutes))]
    public async Task The_version_routes_are_policy_staffs_only(string user, string method, string path)
    {
        using var api = await web.ApiAsAsync(user);
        using var staff = await web.ApiAsAsync(Author);
        var drafts = await DraftCountAsync(staff);

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        var refused = await ExpectAsync(HttpStatusCode.Forbidden, api.SendAsync(request));

        Assert.Contains("Only policy staff", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(drafts, await DraftCountAsync(staff));
    }

    /// <summary>A version's or draft's rules as comparable lines: name, expression, parameters, metadata.</summary>
    static string[] Rules(JsonElement holder) => holder.GetProperty("rules").EnumerateArray()
        .Select(r => string.Join(" | ", r.GetProperty("name").GetString(), r.GetProperty("expression").GetString(), r.GetProperty("enabled").GetBoolean(),
            r.GetProperty("dimension").GetString(), r.GetProperty("severity").GetString(), r.GetProperty("stage").GetString(),
            r.GetProperty("message_vi").GetString(), r.GetProperty("message_en").GetString(),
            string.Join(";", r.GetProperty("parameters").EnumerateArray().Select(p => $"{p.GetProperty("name").GetString()}={p.GetProperty("expression").GetString()}"))))
        .ToArray();

    static async Task<int> DraftCountAsync(HttpClient api) =>
        (await ExpectAsync(HttpStatusCode.OK, api.GetAsync("/api/rule-sets"))).EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == "default").GetProperty("drafts").GetArrayLength();
}
