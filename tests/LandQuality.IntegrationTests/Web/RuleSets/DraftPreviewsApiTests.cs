using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LandQuality.Data;
using static LandQuality.IntegrationTests.Web.RuleSets.RuleEditorApi;

namespace LandQuality.IntegrationTests.Web.RuleSets;

/// <summary>
/// The preview on all data in the background: it ends with the synchronous preview's report and affected parcels,
/// stored and served again without running; a draft changed since makes it stale; a preview that is not there is a
/// 404 problem; one whose process died is failed, not left running.
/// </summary>
public sealed class DraftPreviewsApiTests(WebScenario web) : IClassFixture<WebScenario>
{
    [Fact]
    public async Task A_background_preview_ends_with_the_synchronous_previews_report_and_affected_parcels()
    {
        using var api = await web.ApiAsAsync(Author);
        var id = await NewDraftAsync(api);
        await ExpectAsync(HttpStatusCode.OK, api.PutAsJsonAsync($"{DraftPath(id)}/rules/issued_before_2011", Rule(IssuedBefore2011, parameters: Cutoff, severity: "error")));
        var synchronous = await ExpectAsync(HttpStatusCode.OK, api.PostAsync($"{DraftPath(id)}/preview", null));
        var synchronousCsv = await api.GetStringAsync($"{DraftPath(id)}/preview/parcels.csv");

        using var started = await api.PostAsync($"{DraftPath(id)}/previews", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var body = await WebScenario.JsonAsync(started);
        var previewId = body.GetProperty("preview_id").GetInt64();
        Assert.Equal($"{DraftPath(id)}/previews/{previewId}", started.Headers.Location!.OriginalString);
        Assert.Equal("queued", body.GetProperty("status").GetString());

        var done = await PreviewWhenFinishedAsync(api, id, previewId);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(120, done.GetProperty("parcels_total").GetInt64());
        Assert.Equal(done.GetProperty("parcels_total").GetInt64(), done.GetProperty("parcels_done").GetInt64());
        Assert.Equal(100, done.GetProperty("percent").GetInt32());
        Assert.False(done.GetProperty("stale").GetBoolean());
        Assert.Equal(synchronous.GetRawText(), done.GetProperty("report").GetRawText());
        Assert.Equal(120, synchronous.GetProperty("per_rule").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "issued_before_2011")
            .GetProperty("newly_failing").GetInt64());

        var storedCsv = await api.GetStringAsync($"{DraftPath(id)}/previews/{previewId}/parcels.csv");
        Assert.Equal(synchronousCsv, storedCsv);
        Assert.Equal(121, storedCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(120, done.GetProperty("affected_lines").GetInt64());

        // The same revision again: the stored preview, not a new run.
        using var again = await api.PostAsync($"{DraftPath(id)}/previews", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var reused = await WebScenario.JsonAsync(again);
        Assert.Equal((previewId, "completed"), (reused.GetProperty("preview_id").GetInt64(), reused.GetProperty("status").GetString()));
        Assert.Equal(1, await web.Db.ScalarAsync($"SELECT count(*) FROM rule_draft_previews WHERE draft_id = {id}"));
    }

    [Fact]
    public async Task A_draft_changed_after_its_preview_marks_the_preview_stale_and_the_next_request_runs_a_new_one()
    {
        using var api = await web.ApiAsAsync(Author);
        var id = await NewDraftAsync(api);
        await ExpectAsync(HttpStatusCode.OK, api.PutAsJsonAsync($"{DraftPath(id)}/rules/issued_before_2011", Rule(IssuedBefore2011, parameters: Cutoff)));
        var first = (await ExpectAsync(HttpStatusCode.Accepted, api.PostAsync($"{DraftPath(id)}/previews", null))).GetProperty("preview_id").GetInt64();
        Assert.False((await PreviewWhenFinishedAsync(api, id, first)).GetProperty("stale").GetBoolean());

        await ExpectAsync(HttpStatusCode.NoContent, api.DeleteAsync($"{DraftPath(id)}/rules/issued_before_2011"));

        var stale = await ExpectAsync(HttpStatusCode.OK, api.GetAsync($"{DraftPath(id)}/previews/{first}"));
        Assert.True(stale.GetProperty("stale").GetBoolean());
        Assert.Equal("completed", stale.GetProperty("status").GetString());
        var second = (await ExpectAsync(HttpStatusCode.Accepted, api.PostAsync($"{DraftPath(id)}/previews", null))).GetProperty("preview_id").GetInt64();
        Assert.NotEqual(first, second);
        var fresh = await PreviewWhenFinishedAsync(api, id, second);
        Assert.False(fresh.GetProperty("stale").GetBoolean());
        Assert.DoesNotContain(fresh.GetProperty("report").GetProperty("per_rule").EnumerateArray(), r => r.GetProperty("rule").GetString() == "issued_before_2011");
    }

    [Fact]
    public async Task A_preview_that_does_not_exist_or_is_another_drafts_is_a_404_problem()
    {
        using var api = await web.ApiAsAsync(Author);
        var id = await NewDraftAsync(api);
        var other = await NewDraftAsync(api);
        var previewId = (await ExpectAsync(HttpStatusCode.Accepted, api.PostAsync($"{DraftPath(id)}/previews", null))).GetProperty("preview_id").GetInt64();

        foreach (var path in new[] { $"{DraftPath(id)}/previews/999999", $"{DraftPath(other)}/previews/{previewId}", $"{DraftPath(other)}/previews/{previewId}/parcels.csv",
                     $"/api/rule-sets/other/drafts/{id}/previews/{previewId}" })
        {
            using var response = await api.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await WebScenario.JsonAsync(response);
            Assert.Equal(404, problem.GetProperty("status").GetInt32());
            Assert.Contains("Not found", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        }
        await ExpectAsync(HttpStatusCode.NotFound, api.PostAsync($"{DraftPath(999999)}/previews", null));
    }

    [Fact]
    public async Task A_running_preview_whose_process_is_gone_is_marked_failed_as_interrupted()
    {
        using var api = await web.ApiAsAsync(Author);
        var id = await NewDraftAsync(api);
        var (held, gone) = (await RunningPreviewAsync(id), await RunningPreviewAsync(id));
        await gone.DisposeAsync(); // its process died: the lease went with its session

        await JobLease.MarkAbandonedAsync(web.Db.Database.DataSource, CancellationToken.None);

        var alive = await ExpectAsync(HttpStatusCode.OK, api.GetAsync($"{DraftPath(id)}/previews/{held.Id}"));
        Assert.Equal(("running", 60L, 120L), (alive.GetProperty("status").GetString(), alive.GetProperty("parcels_done").GetInt64(), alive.GetProperty("parcels_total").GetInt64()));
        var interrupted = await ExpectAsync(HttpStatusCode.OK, api.GetAsync($"{DraftPath(id)}/previews/{gone.Id}"));
        Assert.Equal("failed", interrupted.GetProperty("status").GetString());
        Assert.StartsWith("interrupted", interrupted.GetProperty("error").GetString(), StringComparison.Ordinal);
        await ExpectAsync(HttpStatusCode.Conflict, api.GetAsync($"{DraftPath(id)}/previews/{gone.Id}/parcels.csv"));
        await held.DisposeAsync();
    }

    /// <summary>A preview row running at 60 of 120 parcels under a lease the caller holds, as a runner's would be.</summary>
    internal static async Task<JobLease> RunningPreviewAsync(WebScenario web, long draftId)
    {
        var lease = await JobLease.ReserveAsync(web.Db.Database.DataSource, JobLease.Kind.DraftPreview, "rule_draft_previews", CancellationToken.None);
        await web.Db.ScalarAsync($"""
            INSERT INTO rule_draft_previews (id, draft_id, draft_revision, content, content_hash, published_version, status, parcels_done, parcels_total,
                requested_by, requested_at, started_at)
            VALUES ({lease.Id}, {draftId}, 1, '[]', 'none', 1, 'Running', 60, 120, '{Author}', now(), now()) RETURNING id
            """);
        return lease;
    }

    Task<JobLease> RunningPreviewAsync(long draftId) => RunningPreviewAsync(web, draftId);

    /// <summary>The preview once completed or failed, asked every tenth of a second; the bound only keeps a broken service from hanging the run.</summary>
    internal static async Task<JsonElement> PreviewWhenFinishedAsync(HttpClient api, long draftId, long previewId)
    {
        for (var i = 0; i < 1200; i++)
        {
            var preview = await ExpectAsync(HttpStatusCode.OK, api.GetAsync($"{DraftPath(draftId)}/previews/{previewId}"));
            var status = preview.GetProperty("status").GetString();
            Assert.True(preview.GetProperty("parcels_done").GetInt64() <= Math.Max(preview.GetProperty("parcels_total").GetInt64(), 0));
            if (status is "completed" or "failed")
                return preview;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Preview {previewId} did not finish.");
    }
}
