using Hangfire;
using Microsoft.Extensions.Hosting;

namespace LandQuality.Jobs;

/// <summary>
/// The schedules every worker keeps registered (registering again is harmless: a recurring job is one row by its id),
/// so the SLA sweep and the dashboard's upkeep run without an outside timer (cron, systemd) as long as any worker runs.
/// </summary>
sealed class RecurringJobs(IRecurringJobManager recurring) : IHostedService
{
    public const string Sweep = "sla-sweep";
    public const string Fold = "progress-fold";
    public const string Snapshot = "progress-snapshot";

    /// <summary>Every few minutes: a task is escalated at most this late after its deadline.</summary>
    public static string SweepSchedule => Environment.GetEnvironmentVariable("LQ_SWEEP_CRON") is { Length: > 0 } cron ? cron : "*/5 * * * *";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<ReviewJobs>(Sweep, j => j.SweepAsync(CancellationToken.None), SweepSchedule);
        recurring.AddOrUpdate<ReviewJobs>(Fold, j => j.FoldProgressAsync(CancellationToken.None), Cron.Minutely());
        // Vietnam's evening, 23:30 (UTC+7): the day's decisions are in.
        recurring.AddOrUpdate<ReviewJobs>(Snapshot, j => j.SnapshotProgressAsync(CancellationToken.None), "30 16 * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
