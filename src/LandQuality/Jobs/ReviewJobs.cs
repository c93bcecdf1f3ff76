using Hangfire;
using LandQuality.Data;
using LandQuality.Progress;
using LandQuality.Review.Cases;

namespace LandQuality.Jobs;

/// <summary>The review side's background work: case opening after a run, the SLA sweep and the dashboard's folding, on their schedules.</summary>
public sealed class ReviewJobs(Database database)
{
    /// <summary>Who the sweep's escalations are recorded as, in the parcels' chains.</summary>
    public const string SweepActor = "sla-sweep";

    [AutomaticRetry(Attempts = 3)]
    [JobDisplayName("Open review cases for failing parcels")]
    public Task OpenCasesAsync(string actor, CancellationToken ct) => new CaseOpener(database).OpenAsync(actor, ct);

    /// <summary>Escalates overdue tasks; one at a time across workers (the sweep's own advisory lock), and a missed run is simply the next one's work.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [JobDisplayName("SLA sweep: escalate overdue tasks")]
    public async Task SweepAsync(CancellationToken ct) =>
        await new ReviewSweep(database).RunOnceAsync(SweepActor, DateTimeOffset.UtcNow, ct);

    /// <summary>Folds the dashboard's appended changes into its base rows (exact whenever it runs).</summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Dashboard: fold progress changes")]
    public Task FoldProgressAsync(CancellationToken ct) => CommuneProgress.FoldChangesAsync(database, ct);

    /// <summary>Today's progress snapshot, which the dashboard's "progress over time" draws.</summary>
    [AutomaticRetry(Attempts = 3)]
    [JobDisplayName("Dashboard: daily progress snapshot")]
    public Task SnapshotProgressAsync(CancellationToken ct) => RunProgress.RecordAsync(database, ct);
}
