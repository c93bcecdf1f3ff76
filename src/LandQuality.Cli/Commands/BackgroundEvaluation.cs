using Hangfire;
using LandQuality.Jobs;
using LandQuality.Rules.Runs;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq evaluate --background</c>: the run goes to the queue in the database; this process only enqueues it and ends.</summary>
static class BackgroundEvaluation
{
    public static Task<long> EnqueueAsync(Data.Database database, EvaluationRequest request, bool openCases, CancellationToken ct)
    {
        var client = new BackgroundJobClient(JobQueue.Storage(database, JobSettings.FromEnvironment()));
        return EvaluationJobs.EnqueueAsync(database, client, request, openCases, ct);
    }
}
