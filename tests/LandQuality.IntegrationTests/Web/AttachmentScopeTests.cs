using System.Net;
using System.Net.Http.Headers;
using static LandQuality.IntegrationTests.Web.WebScenario;

namespace LandQuality.IntegrationTests.Web;

/// <summary>
/// <c>GET /api/attachments/{id}</c> checks the case's jurisdiction before it reads the content: from outside, an
/// attachment is answered exactly as one that does not exist, and nothing is downloaded or recorded.
/// </summary>
public sealed class AttachmentScopeTests(WebScenario web) : IClassFixture<WebScenario>
{
    static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    static async Task<(string? Title, string? Detail)> NotFoundAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await JsonAsync(response);
        return (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_attachment_outside_the_jurisdiction_is_not_found_as_a_missing_one_is_and_only_the_case_s_reader_downloads_it()
    {
        var (parcelId, taskId) = await web.TaskAtAsync("commune", Commune);
        var caseId = await web.Db.ScalarAsync($"SELECT case_id FROM review_tasks WHERE id = {taskId}");
        using var officer = await web.ApiAsAsync(OfficerOf(Commune));
        using var outsider = await web.ApiAsAsync(OfficerOf(OtherProvince));
        using (var claim = await officer.PostAsync($"/api/tasks/{taskId}/claim", null))
            Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        using var form = new MultipartFormDataContent();
        using var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "cccd.png");
        using var uploaded = await officer.PostAsync($"/api/cases/{caseId}/attachments", form);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var attachmentId = (await JsonAsync(uploaded)).GetProperty("id").GetInt64();

        using var outside = await outsider.GetAsync($"/api/attachments/{attachmentId}");
        using var missing = await outsider.GetAsync($"/api/attachments/{attachmentId + 1_000_000}");
        using var inside = await officer.GetAsync($"/api/attachments/{attachmentId}");

        Assert.Equal(("Không tìm thấy — Not found", "Không tìm thấy. — Not found."), await NotFoundAsync(outside));
        Assert.Equal(await NotFoundAsync(missing), ("Không tìm thấy — Not found", "Không tìm thấy. — Not found."));
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        Assert.Equal(Png, await inside.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, await web.Db.ScalarAsync($"SELECT count(*) FROM audit_events WHERE parcel_id = '{parcelId}' AND kind = 'attachment_downloaded'"));
    }
}
