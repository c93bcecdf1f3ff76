using System.Net;
using System.Text.RegularExpressions;
using LandQuality.IntegrationTests.Review;
using LandQuality.Review.Cases;
using static LandQuality.IntegrationTests.Web.WebScenario;

namespace LandQuality.IntegrationTests.Web;

/// <summary>Whole ID numbers only for the commune and the police; everyone else reads <c>046*******34</c>, in the record, the task and the history.</summary>
public sealed partial class MaskingTests(WebScenario web) : IClassFixture<WebScenario>
{
    const string Officer = "xa.19753.1";
    const string NewIdNumber = "046080777777";

    static int No(string parcelId) => int.Parse(parcelId[(parcelId.IndexOf('-', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    static string Masked(string idNumber) => $"046*******{idNumber[^2..]}";

    /// <summary>A parcel at the department whose officer proposed a new ID number for its owner: the number is in the task and the history too.</summary>
    async Task<(string ParcelId, long TaskId)> IdNumberCorrectedAsync()
    {
        var parcelId = web.TakeParcel(Commune);
        var scenario = new ReviewScenario(web.Db);
        await scenario.ActAsync(Officer, parcelId, "submit_corrections", "the ID card reads otherwise", new FieldChange("owners[1].id_number", NewIdNumber));
        return (parcelId, (await scenario.OpenTaskAsync(parcelId)).Id);
    }

    async Task<System.Text.Json.JsonElement> GetAsync(string user, string path)
    {
        using var api = await web.ApiAsAsync(user);
        using var response = await api.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    [Theory]
    [InlineData(Officer, false)]
    [InlineData("ca.1", false)]
    [InlineData("so.1", true)]
    [InlineData("kiemtoan", true)]
    public async Task A_parcel_shows_whole_ID_numbers_only_to_roles_that_check_identity(string user, bool masked)
    {
        var (parcelId, _) = await IdNumberCorrectedAsync();
        var whole = IdNumber(No(parcelId));

        var json = await GetAsync(user, $"/api/parcels/{parcelId}");

        Assert.Equal(masked ? Masked(whole) : whole, json.GetProperty("owners")[0].GetProperty("id_number").GetString());
    }

    [Fact]
    public async Task The_commune_officer_reads_whole_ID_numbers_in_a_task()
    {
        var (parcelId, taskId) = await web.TaskAtAsync("commune", Commune);

        var json = await GetAsync(Officer, $"/api/tasks/{taskId}");

        Assert.Equal(IdNumber(No(parcelId)), json.GetProperty("owners")[0].GetProperty("id_number").GetString());
    }

    [Theory]
    [InlineData("so.1")]
    [InlineData("kiemtoan")]
    public async Task The_department_and_the_auditor_read_masked_ID_numbers_in_a_task_and_its_corrections(string user)
    {
        var (parcelId, taskId) = await IdNumberCorrectedAsync();
        var whole = IdNumber(No(parcelId));

        var json = await GetAsync(user, $"/api/tasks/{taskId}");

        Assert.Equal(Masked(whole), json.GetProperty("owners")[0].GetProperty("id_number").GetString());
        var correction = json.GetProperty("corrections")[0];
        Assert.Equal(("owners[1].id_number", Masked(whole), Masked(NewIdNumber)),
            (correction.GetProperty("field").GetString(), correction.GetProperty("before").GetString(), correction.GetProperty("after").GetString()));
        Assert.DoesNotMatch(TwelveDigits(), json.GetRawText());
    }

    [Fact]
    public async Task History_holds_no_whole_ID_number_for_the_auditor_and_whole_ones_for_the_commune()
    {
        var (parcelId, _) = await IdNumberCorrectedAsync();

        var commune = await GetAsync(Officer, $"/api/parcels/{parcelId}/history?lang=en");
        var auditor = await GetAsync("kiemtoan", $"/api/parcels/{parcelId}/history?lang=en");

        Assert.Contains(commune.EnumerateArray(), l => l.GetProperty("details").GetString()!.Contains(NewIdNumber, StringComparison.Ordinal));
        Assert.Equal(commune.GetArrayLength(), auditor.GetArrayLength());
        Assert.All(auditor.EnumerateArray(), l => Assert.DoesNotMatch(TwelveDigits(), l.GetProperty("details").GetString()!));
        Assert.Contains(auditor.EnumerateArray(), l => l.GetProperty("details").GetString()!.Contains(Masked(NewIdNumber), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("so.1")]
    [InlineData("kiemtoan")]
    public async Task An_ID_number_written_in_a_reason_is_masked_for_roles_that_read_masked_numbers(string user)
    {
        var parcelId = web.TakeParcel(Commune);
        var scenario = new ReviewScenario(web.Db);
        await scenario.ActAsync(Officer, parcelId, "submit_corrections", $"the ID card reads {NewIdNumber}", new FieldChange("owners[1].id_number", NewIdNumber));
        var taskId = (await scenario.OpenTaskAsync(parcelId)).Id;

        var parcel = await GetAsync(user, $"/api/parcels/{parcelId}");
        var task = await GetAsync(user, $"/api/tasks/{taskId}");

        Assert.Contains(parcel.GetProperty("open_case").GetProperty("tasks").EnumerateArray(),
            t => t.GetProperty("reason").GetString() == $"the ID card reads {Masked(NewIdNumber)}");
        Assert.DoesNotMatch(TwelveDigits(), parcel.GetRawText());
        Assert.DoesNotMatch(TwelveDigits(), task.GetRawText());
    }

    [GeneratedRegex(@"(?<!\d)\d{12}(?!\d)")]
    private static partial Regex TwelveDigits();
}
