using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static LandQuality.IntegrationTests.Web.WebScenario;

namespace LandQuality.IntegrationTests.Web;

/// <summary>A case taken through the API alone, from the commune's claim to the platform's re-check.</summary>
public sealed class ApiRoundTests(WebScenario web) : IClassFixture<WebScenario>
{
    static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await JsonAsync(response);
    }

    static Task<HttpResponseMessage> DecideAsync(HttpClient api, long taskId, object body) => api.PostAsJsonAsync($"/api/tasks/{taskId}/decision", body);

    [Fact]
    public async Task The_commune_corrects_the_department_approves_the_police_confirm_and_the_case_is_verified()
    {
        using var officer = await web.ApiAsAsync(OfficerOf(Commune));
        using var department = await web.ApiAsAsync("so.1");
        using var police = await web.ApiAsAsync("ca.1");

        var claimed = await OkAsync(officer.PostAsync("/api/tasks/claim-next", null));
        var (taskId, parcelId) = (claimed.GetProperty("id").GetInt64(), claimed.GetProperty("parcel_id").GetString()!);
        Assert.Equal(("commune", "claimed", OfficerOf(Commune)),
            (claimed.GetProperty("stage").GetString(), claimed.GetProperty("status").GetString(), claimed.GetProperty("claimed_by").GetString()));

        var task = await OkAsync(officer.GetAsync($"/api/tasks/{taskId}"));
        Assert.Contains(task.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "name_differs_from_registry");
        Assert.Contains("submit_corrections", task.GetProperty("decisions").EnumerateArray().Select(d => d.GetString()));
        var owner = task.GetProperty("owners")[0];
        var difference = owner.GetProperty("differences")[0];
        Assert.Equal("full_name", difference.GetProperty("field").GetString());
        var registryName = owner.GetProperty("registry").GetProperty("full_name").GetString()!;

        var submit = new
        {
            decision = "submit_corrections", revision = claimed.GetProperty("revision").GetInt32(), operation_id = $"round-{taskId}",
            reason = "the ID card reads as the registry", corrections = new[] { new { field = "owners[1].full_name", value = registryName } },
        };
        var submitted = await OkAsync(DecideAsync(officer, taskId, submit));
        Assert.Equal((parcelId, "commune", "department"),
            (submitted.GetProperty("parcel_id").GetString(), submitted.GetProperty("from_stage").GetString(), submitted.GetProperty("to_stage").GetString()));
        // The same operation again is harmless: the first outcome comes back.
        Assert.Equal(submitted.GetRawText(), (await OkAsync(DecideAsync(officer, taskId, submit))).GetRawText());

        var queue = await OkAsync(department.GetAsync("/api/queue"));
        var atDepartment = queue.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("parcel_id").GetString() == parcelId);
        Assert.Equal(("department", "open"), (atDepartment.GetProperty("stage").GetString(), atDepartment.GetProperty("status").GetString()));
        Assert.True(queue.GetProperty("counts").GetArrayLength() > 0);
        var departmentTask = atDepartment.GetProperty("id").GetInt64();
        var review = await OkAsync(department.GetAsync($"/api/tasks/{departmentTask}"));
        var correction = review.GetProperty("corrections").EnumerateArray().Single();
        Assert.Equal(("owners[1].full_name", registryName, "proposed"),
            (correction.GetProperty("field").GetString(), correction.GetProperty("after").GetString(), correction.GetProperty("status").GetString()));
        var departmentClaim = await OkAsync(department.PostAsync($"/api/tasks/{departmentTask}/claim", null));

        var approved = await OkAsync(DecideAsync(department, departmentTask,
            new { decision = "approve", revision = departmentClaim.GetProperty("revision").GetInt32(), operation_id = $"round-{departmentTask}" }));
        Assert.Equal(("department", "police", "open"),
            (approved.GetProperty("from_stage").GetString(), approved.GetProperty("to_stage").GetString(), approved.GetProperty("status").GetString()));

        var policeTask = (await OkAsync(police.GetAsync("/api/queue"))).GetProperty("tasks").EnumerateArray()
            .Single(t => t.GetProperty("parcel_id").GetString() == parcelId).GetProperty("id").GetInt64();
        var policeClaim = await OkAsync(police.PostAsync($"/api/tasks/{policeTask}/claim", null));
        var confirmed = await OkAsync(DecideAsync(police, policeTask,
            new { decision = "confirm", revision = policeClaim.GetProperty("revision").GetInt32(), operation_id = $"round-{policeTask}" }));
        Assert.Equal(("police", "reevaluate", "verified"),
            (confirmed.GetProperty("from_stage").GetString(), confirmed.GetProperty("to_stage").GetString(), confirmed.GetProperty("after_reevaluation").GetString()));

        var parcel = await OkAsync(officer.GetAsync($"/api/parcels/{parcelId}"));
        Assert.Equal(registryName, parcel.GetProperty("owners")[0].GetProperty("full_name").GetString());
        Assert.Equal(JsonValueKind.Null, parcel.GetProperty("open_case").ValueKind);
    }

    [Fact]
    public async Task A_stale_revision_is_a_conflict_and_a_decision_the_stage_does_not_offer_is_a_bad_request()
    {
        var (_, taskId) = await web.TaskAtAsync("commune", OtherCommune);
        using var officer = await web.ApiAsAsync(OfficerOf(OtherCommune));
        var claimed = await OkAsync(officer.PostAsync($"/api/tasks/{taskId}/claim", null));
        var revision = claimed.GetProperty("revision").GetInt32();

        using (var stale = await DecideAsync(officer, taskId, new { decision = "disputed", revision = revision - 1, operation_id = "stale", reason = "dispute" }))
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        using (var wrong = await DecideAsync(officer, taskId, new { decision = "approve", revision, operation_id = "wrong" }))
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using (var noReason = await DecideAsync(officer, taskId, new { decision = "disputed", revision, operation_id = "no-reason" }))
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
    }

    /// <summary>
    /// Regression: an operation id used before on another task answered 400 with that task's id in the message. It is a
    /// conflict with an earlier request, and which task that was is none of this caller's business.
    /// </summary>
    [Fact]
    public async Task An_operation_id_used_for_another_task_is_a_conflict_that_names_no_task()
    {
        var (_, firstTask) = await web.TaskAtAsync("commune", OtherCommune);
        var (_, secondTask) = await web.TaskAtAsync("commune", OtherCommune);
        using var officer = await web.ApiAsAsync(OfficerOf(OtherCommune));
        var first = await OkAsync(officer.PostAsync($"/api/tasks/{firstTask}/claim", null));
        var second = await OkAsync(officer.PostAsync($"/api/tasks/{secondTask}/claim", null));
        await OkAsync(DecideAsync(officer, firstTask,
            new { decision = "disputed", revision = first.GetProperty("revision").GetInt32(), operation_id = "reused-op", reason = "two families claim it" }));

        using var reused = await DecideAsync(officer, secondTask,
            new { decision = "disputed", revision = second.GetProperty("revision").GetInt32(), operation_id = "reused-op", reason = "two families claim it" });

        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
        var body = await reused.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement;
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Equal("Mã thao tác đã được dùng — Operation id already used", problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith("Mã thao tác này đã được dùng cho một yêu cầu khác; hãy dùng mã thao tác mới. — This operation id was already used for another request",
            detail, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d", detail); // no task id, nor any other
        // Nothing was decided: the second task is still the officer's to decide.
        Assert.Equal("Claimed", await web.Db.ScalarTextAsync($"SELECT status FROM review_tasks WHERE id = {secondTask}"));
    }
}
