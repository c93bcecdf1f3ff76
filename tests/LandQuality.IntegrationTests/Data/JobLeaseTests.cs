using LandQuality.Data;
using LandQuality.Imports;
using LandQuality.Rules.Runs;

namespace LandQuality.IntegrationTests.Data;

/// <summary>
/// Imports and runs whose process died stayed Running forever, and two <c>--resume</c> of one run crashed
/// on a unique violation (issue "Hardening"). A job now holds a lease while it lives.
/// </summary>
public sealed class JobLeaseTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_run_being_resumed_elsewhere_is_refused_with_a_clear_message()
    {
        var (run, _, _, lease) = await RunLog.StartOrResumeAsync(db.Database, new EvaluationRequest("test", CommuneCode: "19753"), CancellationToken.None);
        await using (lease)
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                RunLog.StartOrResumeAsync(db.Database, new EvaluationRequest("test", ResumeRunId: run.Id), CancellationToken.None));
            Assert.Contains($"Run {run.Id} is running in another process", refused.Message, StringComparison.Ordinal);
            Assert.Equal(0, await JobLease.MarkAbandonedAsync(db.Database.DataSource, CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_run_whose_process_died_is_marked_abandoned_and_can_be_resumed()
    {
        var (run, _, _, lease) = await RunLog.StartOrResumeAsync(db.Database, new EvaluationRequest("test", CommuneCode: "19753"), CancellationToken.None);
        await lease.DisposeAsync(); // the process died: its session, and the lease with it, are gone

        Assert.Equal(1, await JobLease.MarkAbandonedAsync(db.Database.DataSource, CancellationToken.None));
        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM evaluation_runs WHERE id = {run.Id} AND status = 'Abandoned' AND error LIKE 'abandoned%'"));

        var summary = await new EvaluationRunner(db.Database).RunAsync(new EvaluationRequest("test", ResumeRunId: run.Id), null, CancellationToken.None);
        Assert.Equal(run.Id, summary.RunId);
        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM evaluation_runs WHERE id = {run.Id} AND status = 'Completed'"));
    }

    [Fact]
    public async Task An_import_left_running_by_a_dead_process_is_marked_abandoned_and_a_live_one_is_not()
    {
        var dead = await db.ScalarAsync("INSERT INTO imports (imported_by, source, started_at, status) VALUES ('test', '/x', now(), 'Running') RETURNING id");
        await using var live = await JobLease.ReserveAsync(db.Database.DataSource, JobLease.Kind.Import, "imports", CancellationToken.None);
        await ImportLog.StartAsync(db.Database.DataSource, live.Id, "test", "/y", CancellationToken.None);

        await JobLease.MarkAbandonedAsync(db.Database.DataSource, CancellationToken.None);

        Assert.Equal("Abandoned", await db.ScalarTextAsync($"SELECT status FROM imports WHERE id = {dead}"));
        Assert.Equal("Running", await db.ScalarTextAsync($"SELECT status FROM imports WHERE id = {live.Id}"));
    }
}
