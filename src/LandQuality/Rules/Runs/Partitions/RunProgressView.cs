using LandQuality.Data;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Rules.Runs.Partitions;

/// <summary>
/// What <c>lq runs show</c>, the web and the API say about a run: its status as the queue sees it
/// (queued, running, completed, failed), partitions and parcels done of the total, and when completed its summary.
/// A run made in one process has no partitions: it counts as one.
/// </summary>
public sealed record RunProgressView(long RunId, string Status, int PartitionsDone, int PartitionsTotal, long ParcelsDone, long ParcelsTotal,
    string RuleSet, int Version, string Scope, string StartedBy, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, double? Seconds,
    string? Error, IReadOnlyList<string> Workers, EvaluationSummary? Summary)
{
    public static async Task<RunProgressView?> LoadAsync(Database database, long runId, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var run = await db.EvaluationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null)
            return null;
        var version = await db.RuleSetVersions.AsNoTracking().SingleAsync(v => v.Id == run.RuleSetVersionId, ct);
        var partitions = await db.RunPartitions.AsNoTracking().Where(p => p.RunId == runId)
            .Select(p => new { p.Status, p.PlannedParcels, p.Parcels, p.Worker }).ToListAsync(ct);
        var status = run.Status switch
        {
            RunStatus.Queued => "queued",
            RunStatus.Running => "running",
            RunStatus.Completed => "completed",
            _ => "failed", // Failed, and Abandoned (its process died; --resume continues it)
        };
        var (done, total) = partitions.Count > 0
            ? (partitions.Count(p => p.Status == PartitionStatus.Done), partitions.Count)
            : (run.Status == RunStatus.Completed ? 1 : 0, 1);
        var parcelsDone = partitions.Count > 0
            ? partitions.Where(p => p.Status == PartitionStatus.Done).Sum(p => p.Parcels)
            : await db.EvaluationRunBatches.Where(b => b.RunId == runId).SumAsync(b => b.Parcels, ct);
        var parcelsTotal = partitions.Count > 0
            ? partitions.Sum(p => p.Status == PartitionStatus.Done ? p.Parcels : p.PlannedParcels)
            : Math.Max(parcelsDone, run.ParcelsEvaluated);
        var workers = partitions.Where(p => p.Worker is not null).Select(p => p.Worker!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var summary = run.Status == RunStatus.Completed ? await EvaluationSummary.LoadAsync(database, runId, ct) : null;
        return new RunProgressView(run.Id, status, done, total, parcelsDone, parcelsTotal, version.RuleSet, version.Version, run.Scope,
            run.StartedBy, run.StartedAt, run.FinishedAt, run.Seconds, run.Error, workers, summary);
    }
}
