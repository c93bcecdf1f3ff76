using System.Net.Http.Json;
using LandQuality.Review.Queue;
using static LandQuality.IntegrationTests.Web.WebScenario;

namespace LandQuality.IntegrationTests.Web;

/// <summary>
/// Every role against every endpoint that names a task or a parcel, inside and outside its jurisdiction:
/// outside is always 404 with nothing of the parcel in the body; inside, the role acts on the tasks of its
/// stage (the auditor reads any task) and gets 404 for the others.
/// </summary>
public sealed class AuthorisationMatrixTests(WebScenario web) : IClassFixture<WebScenario>
{
    /// <summary>The role's account, the stage whose tasks it is tested on, whether it works them, and its commune outside.</summary>
    sealed record RoleCase(string User, string Stage, bool Works, string Outside);

    static readonly Dictionary<string, RoleCase> RoleCases = new(StringComparer.Ordinal)
    {
        [Roles.CommuneOfficer] = new(OfficerOf(Commune), "commune", true, OtherCommune),
        [Roles.CommuneSupervisor] = new($"xa.{Commune}.truong", "commune", false, OtherCommune),
        [Roles.DepartmentReviewer] = new("so.1", "department", true, OtherProvince),
        [Roles.DepartmentSupervisor] = new("so.truong", "department", false, OtherProvince),
        [Roles.PoliceOfficer] = new("ca.1", "police", true, OtherProvince),
        [Roles.PoliceSupervisor] = new("ca.truong", "police", false, OtherProvince),
        [Roles.Auditor] = new("kiemtoan", "commune", false, OtherProvince),
        [Roles.PolicyStaff] = new("chinhsach", "commune", false, OtherProvince),
    };

    static readonly string[] Endpoints = ["claim", "release", "show", "decision", "parcel", "history"];

    public static TheoryData<string, bool, string, int> Matrix()
    {
        var data = new TheoryData<string, bool, string, int>();
        foreach (var (role, c) in RoleCases)
            foreach (var endpoint in Endpoints)
            {
                var inside = endpoint switch
                {
                    "parcel" or "history" => 200,
                    "show" => c.Works || role == Roles.Auditor ? 200 : 404,
                    _ => c.Works ? 200 : 404,
                };
                data.Add(role, true, endpoint, inside);
                data.Add(role, false, endpoint, 404);
            }
        return data;
    }

    static string ActorOf(string stage, string commune) => stage switch
    {
        "commune" => OfficerOf(commune),
        "department" => DepartmentOf(commune),
        _ => commune == OtherProvince ? "ca48.1" : "ca.1",
    };

    static (string Decision, string? Reason, string ToStage) DecisionAt(string stage) => stage switch
    {
        "commune" => ("disputed", "boundary dispute with the neighbour", "parked_disputed"),
        "department" => ("approve", null, "police"),
        _ => ("confirm", null, "reevaluate"),
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Outside_the_jurisdiction_is_not_found_inside_only_the_roles_own_work(string role, bool inside, string endpoint, int expected)
    {
        var c = RoleCases[role];
        var commune = inside ? Commune : c.Outside;
        using var api = await web.ApiAsAsync(c.User);

        var (parcelId, taskId) = endpoint is "parcel" or "history"
            ? (ParcelId(commune, 40), 0L)
            : await web.TaskAtAsync(c.Stage, commune);
        var revision = 0;
        if (endpoint is "release" or "decision")
        {
            // Held by whoever works it: the role itself when it may, else the stage's own reviewer.
            var holder = inside && c.Works ? c.User : ActorOf(c.Stage, commune);
            revision = (await new ReviewQueue(web.Db.Database).ClaimAsync(holder, taskId, CancellationToken.None)).Revision;
        }
        var (decision, reason, toStage) = DecisionAt(c.Stage);

        using var response = endpoint switch
        {
            "claim" => await api.PostAsync($"/api/tasks/{taskId}/claim", null),
            "release" => await api.PostAsync($"/api/tasks/{taskId}/release", null),
            "show" => await api.GetAsync($"/api/tasks/{taskId}"),
            "decision" => await api.PostAsJsonAsync($"/api/tasks/{taskId}/decision",
                new { decision, revision, operation_id = Guid.NewGuid().ToString("N"), reason }),
            "parcel" => await api.GetAsync($"/api/parcels/{parcelId}"),
            _ => await api.GetAsync($"/api/parcels/{parcelId}/history"),
        };

        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expected, $"{c.User} {endpoint} {(inside ? "inside" : "outside")}: {(int)response.StatusCode} {body}");
        if (expected == 404)
        {
            Assert.DoesNotContain("Nguyễn Văn", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Lê Lợi", body, StringComparison.Ordinal);
            Assert.DoesNotContain("046080", body, StringComparison.Ordinal);
            if (endpoint is not ("parcel" or "history"))
                Assert.DoesNotContain(parcelId, body, StringComparison.Ordinal);
            return;
        }
        var json = await JsonAsync(response);
        switch (endpoint)
        {
            case "claim":
                Assert.Equal((taskId, "claimed", c.User), (json.GetProperty("id").GetInt64(), json.GetProperty("status").GetString(), json.GetProperty("claimed_by").GetString()));
                break;
            case "release":
                Assert.Equal((taskId, "open"), (json.GetProperty("id").GetInt64(), json.GetProperty("status").GetString()));
                break;
            case "show":
                Assert.Equal((taskId, parcelId), (json.GetProperty("task").GetProperty("id").GetInt64(), json.GetProperty("parcel").GetProperty("parcel_id").GetString()));
                break;
            case "decision":
                Assert.Equal((parcelId, c.Stage, toStage), (json.GetProperty("parcel_id").GetString(), json.GetProperty("from_stage").GetString(), json.GetProperty("to_stage").GetString()));
                break;
            case "parcel":
                Assert.Equal(parcelId, json.GetProperty("parcel").GetProperty("parcel_id").GetString());
                break;
            default:
                Assert.True(json.GetArrayLength() > 0, "The parcel's history is empty.");
                break;
        }
    }

    [Theory]
    [InlineData("xa.19774.1")]   // the same role in another commune
    [InlineData("so.1")]         // another role in the same province
    public async Task Replaying_someone_elses_decision_operation_is_not_found_and_discloses_nothing(string user)
    {
        var (parcelId, taskId) = await web.TaskAtAsync("commune", Commune);
        using var officer = await web.ApiAsAsync(OfficerOf(Commune));
        var claimed = await JsonAsync(await officer.PostAsync($"/api/tasks/{taskId}/claim", null));
        var body = new { decision = "disputed", revision = claimed.GetProperty("revision").GetInt32(), operation_id = $"replay-{taskId}", reason = "dispute" };
        using (var first = await officer.PostAsJsonAsync($"/api/tasks/{taskId}/decision", body))
            Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);

        using var other = await web.ApiAsAsync(user);
        using var replay = await other.PostAsJsonAsync($"/api/tasks/{taskId}/decision", body);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, replay.StatusCode);
        Assert.DoesNotContain(parcelId, await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var again = await officer.PostAsJsonAsync($"/api/tasks/{taskId}/decision", body);
        Assert.Equal(System.Net.HttpStatusCode.OK, again.StatusCode); // the decider's own retry still gets its outcome
    }

    [Theory]
    [InlineData("POST", "claim")]
    [InlineData("POST", "release")]
    [InlineData("GET", "")]
    [InlineData("POST", "decision")]
    public async Task A_task_outside_the_jurisdiction_is_answered_exactly_as_one_that_does_not_exist(string method, string action)
    {
        var (_, taskId) = await web.TaskAtAsync("commune", OtherCommune);
        using var api = await web.ApiAsAsync(OfficerOf(Commune));

        async Task<string> AnswerAsync(long id)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), action.Length == 0 ? $"/api/tasks/{id}" : $"/api/tasks/{id}/{action}");
            if (action == "decision")
                request.Content = JsonContent.Create(new { decision = "disputed", revision = 0, operation_id = Guid.NewGuid().ToString("N"), reason = "x" });
            using var response = await api.SendAsync(request);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
            var json = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            json.Remove("trace_id");
            return json.ToJsonString().Replace(id.ToString(System.Globalization.CultureInfo.InvariantCulture), "{id}", StringComparison.Ordinal);
        }

        Assert.Equal(await AnswerAsync(taskId + 100_000), await AnswerAsync(taskId));
    }
}
