using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LandQuality.Review.Queue;
using static LandQuality.IntegrationTests.Web.RuleSets.RuleEditorApi;
using static LandQuality.IntegrationTests.Web.WebScenario;

namespace LandQuality.IntegrationTests.Web.RuleSets;

/// <summary>
/// What the rule editor refuses: every route to anyone but policy staff; rules whose types do not fit, that do
/// not compile, or that reach for files, processes, the environment, threads, the GC or reflection — each 422
/// with a message naming what is wrong, and the draft left as it was.
/// </summary>
public sealed class RuleSetsApiRefusalTests(WebScenario web) : IClassFixture<WebScenario>
{
    public static TheoryData<string, string, string> RolesAndRoutes()
    {
        var data = new TheoryData<string, string, string>();
        string[] users = [OfficerOf(Commune), $"xa.{Commune}.truong", "so.1", "so.truong", "ca.1", "ca.truong", "kiemtoan"];
        (string Method, string Path)[] routes =
        [
            ("GET", "/api/rule-sets"), ("GET", "/api/rule-sets/fields"), ("GET", "/api/rule-sets/default/diff?from=1&to=3"),
            ("GET", "/api/rule-sets/default/evaluations"), ("POST", "/api/rule-sets/default/drafts"),
            ("GET", "/api/rule-sets/default/drafts/1"), ("DELETE", "/api/rule-sets/default/drafts/1"), ("PUT", "/api/rule-sets/default/drafts/1/rules/r"),
            ("DELETE", "/api/rule-sets/default/drafts/1/rules/r"), ("POST", "/api/rule-sets/default/drafts/1/preview"),
            ("GET", "/api/rule-sets/default/drafts/1/preview/parcels.csv"), ("POST", "/api/rule-sets/default/drafts/1/previews"),
            ("GET", "/api/rule-sets/default/drafts/1/previews/1"), ("GET", "/api/rule-sets/default/drafts/1/previews/1/parcels.csv"),
            ("POST", "/api/rule-sets/default/drafts/1/try"), ("POST", "/api/rule-sets/default/drafts/1/submit"),
            ("POST", "/api/rule-sets/default/drafts/1/approve"),
        ];
        foreach (var user in users)
            foreach (var (method, path) in routes)
                data.Add(user, method, path);
        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndRoutes))]
    public async Task Every_route_is_policy_staffs_only(string user, string method, string path)
    {
        using var api = await web.ApiAsAsync(user);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { from_version = 3 }) };

        var refused = await ExpectAsync(HttpStatusCode.Forbidden, api.SendAsync(request));

        Assert.Contains("Only policy staff", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401()
    {
        using var anonymous = web.Browser();

        await ExpectAsync(HttpStatusCode.Unauthorized, anonymous.GetAsync("/api/rule-sets"));
    }

    [Fact]
    public async Task A_number_compared_with_a_text_is_422_in_both_languages_and_the_draft_is_unchanged()
    {
        using var api = await web.ApiAsAsync(Author);
        var id = await NewDraftAsync(api);
        var before = (await ExpectAsync(HttpStatusCode.OK, api.GetAsync(DraftPath(id)))).GetProperty("content").GetString();
        var condition = new { kind = "field", field = "AreaM2", @operator = "equals", operand = new { field = "Address" } };

        var refused = await ExpectAsync(HttpStatusCode.UnprocessableEntity, api.PutAsJsonAsync($"{DraftPath(id)}/rules/bad", Rule(condition)));

        Assert.Equal("Không so sánh được AreaM2 (số) với trường Address (văn bản).", refused.GetProperty("message_vi").GetString());
        Assert.Equal("Cannot compare AreaM2 (number) with field Address (text).", refused.GetProperty("message_en").GetString());
        Assert.Equal(before, (await ExpectAsync(HttpStatusCode.OK, api.GetAsync(DraftPath(id)))).GetProperty("content").GetString());
    }

    [Fact]
    public async Task An_operator_that_does_not_fit_is_422()
    {
        using var api = await web.ApiAsAsync(Author);
        var id = await NewDraftAsync(api);
        var condition = new { kind = "field", field = "HasCertificate", @operator = "greater_than", operand = new { value = "1" } };

        var refused = await ExpectAsync(HttpStatusCode.UnprocessableEntity, api.PutAsJsonAsync($"{DraftPath(id)}/rules/bad", Rule(condition)));

        Assert.Contains("does not fit field HasCertificate", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_raw_expression_that_does_not_compile_is_422_with_its_position_and_the_nearest_name()
    {
        using var api = await web.ApiAsAsync(Author);
        var id = await NewDraftAsync(api);

        var refused = await ExpectAsync(HttpStatusCode.UnprocessableEntity,
            api.PutAsJsonAsync($"{DraftPath(id)}/rules/typo", Rule(expression: "input1.UpdateOn != null")));

        Assert.Contains("did you mean `UpdatedOn`?", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Number, refused.GetProperty("position").ValueKind);
        Assert.Equal("input1.UpdateOn != null", refused.GetProperty("expression").GetString());
        var draft = await ExpectAsync(HttpStatusCode.OK, api.GetAsync(DraftPath(id)));
        Assert.DoesNotContain(draft.GetProperty("rules").EnumerateArray(), r => r.GetProperty("name").GetString() == "typo");
    }

    [Theory]
    [InlineData("System.IO.File.ReadAllText(\"/etc/passwd\") != null", "`System.IO.File.ReadAllText`")]
    [InlineData("Activator.CreateInstance(\"x\", \"y\") != null", "`Activator`")]
    [InlineData("Environment.GetEnvironmentVariable(\"LQ_CONNECTION\") != null", "`Environment`")]
    [InlineData("Process.Start(\"sh\") != null", "`Process`")]
    [InlineData("Thread.Sleep(100000) == null", "`Thread`")]
    [InlineData("GC.Collect() == null", "`GC`")]
    [InlineData("input1.GetType().Assembly.Location != null", "`GetType`")]
    [InlineData("input1.Owners.Any(o => o.GetType() != null)", "`GetType`")]
    [InlineData("input1.Address.GetType().Assembly != null", "`GetType`")]
    public async Task A_hostile_expression_is_refused_naming_the_member(string expression, string member)
    {
        using var api = await web.ApiAsAsync(Author);
        var id = await NewDraftAsync(api);

        var refused = await ExpectAsync(HttpStatusCode.UnprocessableEntity, api.PutAsJsonAsync($"{DraftPath(id)}/rules/hostile", Rule(expression: expression)));

        Assert.Contains($"{member} is not allowed in a rule", refused.GetProperty("message_en").GetString(), StringComparison.Ordinal);
        Assert.Contains($"{member} không được dùng trong quy tắc", refused.GetProperty("message_vi").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/rule-sets", "get")]
    [InlineData("/api/rule-sets/{name}/drafts", "post")]
    [InlineData("/api/rule-sets/{name}/drafts/{draftId}/rules/{rule}", "put")]
    [InlineData("/api/rule-sets/{name}/drafts/{draftId}/rules/{rule}", "delete")]
    [InlineData("/api/rule-sets/{name}/drafts/{draftId}/preview", "post")]
    [InlineData("/api/rule-sets/{name}/drafts/{draftId}/previews", "post")]
    [InlineData("/api/rule-sets/{name}/drafts/{draftId}/previews/{previewId}", "get")]
    [InlineData("/api/rule-sets/{name}/drafts/{draftId}/approve", "post")]
    public async Task The_openapi_document_lists_the_rule_editor_api(string path, string method)
    {
        using var anonymous = web.Browser();

        var paths = (await ExpectAsync(HttpStatusCode.OK, anonymous.GetAsync("/openapi/v1.json"))).GetProperty("paths");

        Assert.True(paths.TryGetProperty(path, out var routes) && routes.TryGetProperty(method, out _), $"{method} {path} is missing from the OpenAPI document.");
    }

    [Fact]
    public async Task Policy_staff_see_every_rule_set_with_its_published_version()
    {
        using var api = await web.ApiAsAsync(Author);

        var sets = await ExpectAsync(HttpStatusCode.OK, api.GetAsync("/api/rule-sets"));

        var set = sets.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "default");
        Assert.True(set.GetProperty("published_version").GetInt32() >= 3);
        Assert.Equal(Roles.PolicyStaff, (await web.Accounts.FindAsync(Author, CancellationToken.None))!.Role);
    }
}
