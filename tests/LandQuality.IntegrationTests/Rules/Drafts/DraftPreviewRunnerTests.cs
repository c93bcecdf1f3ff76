using LandQuality.Data;
using LandQuality.Rules.Drafts;
using LandQuality.Rules.Drafts.Previews;
using LandQuality.Rules.Versions;

namespace LandQuality.IntegrationTests.Rules.Drafts;

/// <summary>
/// The runner of background previews on a generated data set: one preview is never taken by two runners, a
/// completed one matches the synchronous preview, and one stopped with the server is failed as interrupted.
/// </summary>
public sealed class DraftPreviewRunnerTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    Database Database => data.Db.Database;

    async Task<long> NewDraftAsync()
    {
        var published = (await new RuleSetStore(Database).GetPublishedAsync("default", CancellationToken.None))!;
        return (await new RuleDraftService(Database).CreateAsync("default", published.Version, "chinhsach", CancellationToken.None)).Id;
    }

    [Fact]
    public async Task A_queued_preview_is_taken_by_one_runner_only_and_completes_with_the_synchronous_report()
    {
        var draftId = await NewDraftAsync();
        var (queued, created) = await new DraftPreviewQueue(Database).RequestAsync("default", draftId, "chinhsach", again: false, CancellationToken.None);
        Assert.True(created);

        var first = await new DraftPreviewRunner(Database).ClaimAsync(CancellationToken.None);
        var second = await new DraftPreviewRunner(Database).ClaimAsync(CancellationToken.None);

        Assert.Equal(queued.PreviewId, first?.Preview.Id);
        Assert.Null(second);
        await using (first!.Value.Lease)
            await new DraftPreviewRunner(Database).RunAsync(first.Value.Preview, CancellationToken.None);
        var done = await new DraftPreviewQueue(Database).GetAsync("default", draftId, queued.PreviewId, CancellationToken.None);
        var synchronous = await new RuleDraftService(Database).PreviewAsync("default", draftId, "chinhsach", CancellationToken.None);
        Assert.Equal(("completed", (long)GeneratedDataSet.Parcels, (long)GeneratedDataSet.Parcels), (done.Status, done.ParcelsDone, done.ParcelsTotal));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(synchronous), System.Text.Json.JsonSerializer.Serialize(done.Report));
    }

    [Fact]
    public async Task A_preview_stopped_with_the_server_is_failed_as_interrupted_not_left_running()
    {
        var draftId = await NewDraftAsync();
        var (queued, _) = await new DraftPreviewQueue(Database).RequestAsync("default", draftId, "chinhsach", again: false, CancellationToken.None);
        var claimed = (await new DraftPreviewRunner(Database).ClaimAsync(CancellationToken.None))!.Value;
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        await using (claimed.Lease)
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new DraftPreviewRunner(Database).RunAsync(claimed.Preview, stopping.Token));

        var stopped = await new DraftPreviewQueue(Database).GetAsync("default", draftId, queued.PreviewId, CancellationToken.None);
        Assert.Equal("failed", stopped.Status);
        Assert.StartsWith("interrupted", stopped.Error, StringComparison.Ordinal);
        Assert.NotNull(stopped.FinishedAt);
        // Asked again, the same revision is previewed anew rather than answered with the failed one.
        var (again, created) = await new DraftPreviewQueue(Database).RequestAsync("default", draftId, "chinhsach", again: false, CancellationToken.None);
        Assert.True(created);
        Assert.NotEqual(queued.PreviewId, again.PreviewId);
        var next = (await new DraftPreviewRunner(Database).ClaimAsync(CancellationToken.None))!.Value;
        await using (next.Lease)
            await new DraftPreviewRunner(Database).RunAsync(next.Preview, CancellationToken.None);
        Assert.Equal("completed", (await new DraftPreviewQueue(Database).GetAsync("default", draftId, again.PreviewId, CancellationToken.None)).Status);
    }
}
