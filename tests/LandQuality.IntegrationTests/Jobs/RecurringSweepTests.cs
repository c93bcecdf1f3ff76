using LandQuality.IntegrationTests.Review;

namespace LandQuality.IntegrationTests.Jobs;

/// <summary>
/// The SLA sweep is a recurring job of the queue: any running worker registers it and runs it on its schedule, with
/// no outside timer (cron, systemd). Here the schedule is every two seconds (LQ_SWEEP_CRON, seconds first) so the test
/// sees it run; in production it is every five minutes.
/// </summary>
public sealed class RecurringSweepTests : IAsyncLifetime
{
    const string Commune = "19774";
    readonly TestDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var scenario = new ReviewScenario(_db);
        await scenario.SeedReviewersAsync();
        await scenario.AddSerialDefectsAsync(Commune, 3);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task A_worker_registers_the_sla_sweep_and_runs_it_on_its_schedule_escalating_overdue_tasks()
    {
        await _db.ScalarAsync("UPDATE review_tasks SET escalate_at = now() - interval '1 day' WHERE escalate_at IS NOT NULL");
        Assert.True(await _db.ScalarAsync("SELECT count(*) FROM review_tasks WHERE escalate_at IS NOT NULL AND escalated_to_role IS NULL") > 0);

        using var worker = WorkerProcess.Start(_db.ConnectionString, new Dictionary<string, string>
        {
            ["LQ_SWEEP_CRON"] = "*/2 * * * * *",
            ["LQ_JOBS_POLL_MS"] = "200",
        });

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await _db.ScalarAsync("SELECT count(*) FROM review_tasks WHERE escalate_at IS NOT NULL AND escalated_to_role IS NULL") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "No sweep escalated the overdue tasks.\n" + worker.Output);
            Assert.False(worker.HasExited, worker.Output);
            await Task.Delay(250);
        }

        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM hangfire.set WHERE key = 'recurring-jobs' AND value = 'sla-sweep'"));
        Assert.True(await _db.ScalarAsync("SELECT count(*) FROM audit_events WHERE actor = 'sla-sweep'") > 0);
    }
}
