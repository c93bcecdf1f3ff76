using System.Text.Json;
using LandQuality.Data;
using LandQuality.Rules.Versions;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Rules.Drafts.Previews;

/// <summary>
/// Takes the oldest queued preview (<see cref="DraftPreviewQueue"/>) and runs it: its lease held for the whole run
/// (<see cref="JobLease"/>), its progress written about once a second, and at the end the report and the affected
/// parcels stored with the completed status in one transaction — or the error, as failed.
/// </summary>
public sealed class DraftPreviewRunner(Database database)
{
    /// <summary>How often the parcels done are written while a preview runs.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Runs the next queued preview; false when there was none.</summary>
    public async Task<bool> RunNextAsync(CancellationToken ct)
    {
        await JobLease.MarkAbandonedAsync(database.DataSource, ct);
        if (await ClaimAsync(ct) is not var (preview, lease))
            return false;
        await using (lease)
            await RunAsync(preview, ct);
        return true;
    }

    /// <summary>
    /// The oldest queued preview, marked running with its lease taken first, so no one ever sees it running
    /// without one. The row lock (SKIP LOCKED) keeps two nodes from taking the same preview.
    /// </summary>
    internal async Task<(RuleDraftPreview Preview, JobLease Lease)?> ClaimAsync(CancellationToken ct)
    {
        await using var db = database.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var next = (await db.RuleDraftPreviews
            .FromSql($"SELECT * FROM rule_draft_previews WHERE status = 'Queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED").ToListAsync(ct)).SingleOrDefault();
        if (next is null)
            return null;
        var lease = await JobLease.TryTakeAsync(database.DataSource, JobLease.Kind.DraftPreview, next.Id, ct);
        if (lease is null)
            return null;
        try
        {
            next.Start(await ParcelCountAsync(ct), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (next, lease);
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
    }

    internal async Task RunAsync(RuleDraftPreview preview, CancellationToken ct)
    {
        using var progress = new ProgressWriter(database, preview.Id, ProgressInterval);
        try
        {
            await using var db = database.CreateContext();
            var ruleSet = await db.RuleDrafts.Where(d => d.Id == preview.DraftId).Select(d => d.RuleSet).SingleAsync(ct);
            var published = await new RuleSetStore(database).GetAsync(ruleSet, preview.PublishedVersion, ct)
                ?? throw new InvalidOperationException($"Rule set {ruleSet} has no version {preview.PublishedVersion}.");
            // Compiled afresh, not through the process's cache of stored versions: drafts change and would pile up there.
            var draft = new RuleSetVersion { RuleSet = ruleSet, Version = 0, Content = preview.Content, ContentHash = "", Author = preview.RequestedBy };
            using var affected = new AffectedParcelsCsv.GzipWriter();
            var report = await new ImpactPreview(database).RunAsync(published, draft, commune: null, affected.Add, progress, ct);
            await progress.StopAsync();
            db.Attach(preview);
            preview.Complete(JsonSerializer.Serialize(report), report.Parcels, affected.Lines, DateTimeOffset.UtcNow);
            db.RuleDraftPreviewParcels.Add(new RuleDraftPreviewParcels { PreviewId = preview.Id, CsvGzip = affected.ToArray() });
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await progress.StopAsync();
            await FailAsync(preview.Id, e is OperationCanceledException && ct.IsCancellationRequested
                ? "interrupted: the server stopped during the preview; start it again"
                : e.Message);
            if (e is OperationCanceledException)
                throw;
        }
    }

    /// <summary>Not with the run's token: a run stopped by the server's shutdown must still say so.</summary>
    async Task FailAsync(long previewId, string error)
    {
        await using var db = database.CreateContext();
        var preview = await db.RuleDraftPreviews.SingleAsync(p => p.Id == previewId, CancellationToken.None);
        preview.Fail(error, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The parcels a preview of everything reads (retired ones are not evaluated), for its progress.</summary>
    async Task<long> ParcelCountAsync(CancellationToken ct)
    {
        await using var cmd = database.DataSource.CreateCommand("SELECT count(*) FROM parcels WHERE retired_at IS NULL");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
