using System.Globalization;

namespace LandQuality.Jobs;

/// <summary>
/// How a worker takes work from the queue. From the environment, so every process of a deployment (web nodes,
/// <c>lq worker</c> on other machines) is configured alike without a file: <c>LQ_WORKER_THREADS</c> (jobs at once per
/// process, default 2: a partition's evaluation already uses every core, so a second one overlaps the other's waits
/// on PostgreSQL), <c>LQ_JOBS_INVISIBILITY_SECONDS</c> (how long after a worker's last heartbeat its job is handed to
/// another worker: how soon a killed worker's partition is retried), <c>LQ_JOBS_POLL_MS</c> (how often an idle worker
/// looks for work) and <c>LQ_PARTITION_PARCELS</c> (the largest partition of a run).
/// </summary>
public sealed record JobSettings(int WorkerThreads, TimeSpan InvisibilityTimeout, TimeSpan PollInterval, int MaxPartitionParcels)
{
    public static JobSettings FromEnvironment() => new(
        Number("LQ_WORKER_THREADS", 2),
        TimeSpan.FromSeconds(Number("LQ_JOBS_INVISIBILITY_SECONDS", 120)),
        TimeSpan.FromMilliseconds(Number("LQ_JOBS_POLL_MS", 2000)),
        Number("LQ_PARTITION_PARCELS", Rules.Runs.Partitions.PartitionPlanner.DefaultMaxParcels));

    static int Number(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
}
