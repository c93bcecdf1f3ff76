using Hangfire;
using LandQuality.Data;
using LandQuality.Rules.Runs;
using LandQuality.Rules.Runs.Partitions;

namespace LandQuality.Jobs;

/// <summary>
/// A background run as jobs: planning splits it into partitions and enqueues one job each; any worker takes them;
/// the worker that commits the last one completes the run, records the dashboard's snapshot and, when asked,
/// enqueues case opening. Hangfire calls these methods; <see cref="EnqueueAsync"/> is how a run gets there.
/// </summary>
public sealed class EvaluationJobs(Database database, JobSettings settings, IBackgroundJobClient jobs)
{
    /// <summary>Queues a run (status queued) and its planning job; the run's id.</summary>
    public static async Task<long> EnqueueAsync(Database database, IBackgroundJobClient jobs, EvaluationRequest request, bool openCases,
        CancellationToken ct)
    {
        var runId = await BackgroundRuns.QueueAsync(database, request, ct);
        jobs.Enqueue<EvaluationJobs>(j => j.PlanAsync(runId, openCases, CancellationToken.None));
        return runId;
    }

    [AutomaticRetry(Attempts = 3)]
    [JobDisplayName("Evaluation run {0}: plan partitions")]
    public async Task PlanAsync(long runId, bool openCases, CancellationToken ct)
    {
        foreach (var partition in await BackgroundRuns.PlanAsync(database, runId, settings.MaxPartitionParcels, ct))
            jobs.Enqueue<EvaluationJobs>(j => j.EvaluatePartitionAsync(runId, partition, openCases, CancellationToken.None));
        await FinishIfDoneAsync(runId, openCases, ct); // an empty scope, or a retried plan whose partitions were all done
    }

    /// <summary>Retried by Hangfire when it throws; a killed worker's job comes back by the queue's invisibility timeout instead.</summary>
    [AutomaticRetry(Attempts = PartitionEvaluator.MaxAttempts - 1, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Evaluation run {0}: partition {1}")]
    public async Task EvaluatePartitionAsync(long runId, int partitionNo, bool openCases, CancellationToken ct)
    {
        await PartitionEvaluator.EvaluateAsync(database, runId, partitionNo, JobQueue.WorkerName, ct);
        await FinishIfDoneAsync(runId, openCases, ct);
    }

    async Task FinishIfDoneAsync(long runId, bool openCases, CancellationToken ct)
    {
        if (!await BackgroundRuns.CompleteIfDoneAsync(database, runId, ct))
            return;
        var (run, _) = await BackgroundRuns.LoadAsync(database, runId, ct);
        if (!run.SetsVerdicts)
            return;
        await LandQuality.Progress.RunProgress.RecordAsync(database, ct);
        if (openCases)
            jobs.Enqueue<ReviewJobs>(j => j.OpenCasesAsync(run.StartedBy, CancellationToken.None));
    }
}
