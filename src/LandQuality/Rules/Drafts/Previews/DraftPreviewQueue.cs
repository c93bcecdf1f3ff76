using LandQuality.Data;
using LandQuality.Rules.Versions;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Rules.Drafts.Previews;

/// <summary>
/// Background previews of drafts over the whole data set, queued in <c>rule_draft_previews</c> so that any node's
/// <see cref="DraftPreviewRunner"/> can take them, and one that dies mid-run is seen to have died
/// (<see cref="JobLease.MarkAbandonedAsync"/>): the table is the queue, no node holds state of its own.
/// </summary>
public sealed class DraftPreviewQueue(Database database)
{
    /// <summary>
    /// A preview of the draft as it is now against the version in force: the one already asked for or done for
    /// this content and version when there is one (not failed), unless <paramref name="again"/> (the data changed);
    /// a new queued one otherwise. <c>Created</c> is false when an existing one is returned.
    /// </summary>
    public async Task<(DraftPreviewView Preview, bool Created)> RequestAsync(string ruleSet, long draftId, string by, bool again, CancellationToken ct)
    {
        var service = new RuleDraftService(database);
        var draft = await service.LoadAsync(ruleSet, draftId, ct);
        var (published, _) = await service.ComparedAsync(ruleSet, draftId, ct);
        var hash = RuleSetStore.Hash(draft.Content);
        await using var db = database.CreateContext();
        if (!again && await db.RuleDraftPreviews.AsNoTracking()
                .Where(p => p.DraftId == draftId && p.ContentHash == hash && p.PublishedVersion == published.Version && p.Status != DraftPreviewStatus.Failed)
                .OrderByDescending(p => p.Id).FirstOrDefaultAsync(ct) is { } existing)
            return (DraftPreviewView.Of(existing, hash, published.Version), false);
        var preview = new RuleDraftPreview
        {
            DraftId = draftId, DraftRevision = draft.Revision, Content = draft.Content, ContentHash = hash, PublishedVersion = published.Version,
            RequestedBy = by, RequestedAt = DateTimeOffset.UtcNow,
        };
        db.RuleDraftPreviews.Add(preview);
        db.RuleDraftEvents.Add(new RuleDraftEvent { DraftId = draftId, Action = "preview_queued", Rule = null, Actor = by, At = preview.RequestedAt });
        await db.SaveChangesAsync(ct);
        return (DraftPreviewView.Of(preview, hash, published.Version), true);
    }

    /// <exception cref="RuleDraftNotFoundException">No such draft of the rule set, or no such preview of the draft.</exception>
    public async Task<DraftPreviewView> GetAsync(string ruleSet, long draftId, long previewId, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var preview = await db.RuleDraftPreviews.AsNoTracking().SingleOrDefaultAsync(p => p.Id == previewId && p.DraftId == draftId, ct);
        return await ViewAsync(db, ruleSet, draftId, preview, ct)
            ?? throw new RuleDraftNotFoundException($"Bản nháp {draftId} không có lần xem trước {previewId}.", $"Draft {draftId} has no preview {previewId}.");
    }

    /// <summary>The draft's latest background preview, or null.</summary>
    public async Task<DraftPreviewView?> LatestAsync(string ruleSet, long draftId, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var preview = await db.RuleDraftPreviews.AsNoTracking().Where(p => p.DraftId == draftId).OrderByDescending(p => p.Id).FirstOrDefaultAsync(ct);
        return await ViewAsync(db, ruleSet, draftId, preview, ct);
    }

    /// <summary>The stored affected-parcels file (gzip-compressed CSV) of a completed preview.</summary>
    /// <exception cref="RuleDraftStateException">The preview has not completed.</exception>
    public async Task<byte[]> AffectedParcelsAsync(string ruleSet, long draftId, long previewId, CancellationToken ct)
    {
        var preview = await GetAsync(ruleSet, draftId, previewId, ct);
        if (preview.Status != "completed")
            throw new RuleDraftStateException($"Lần xem trước {previewId} chưa xong.", $"Preview {previewId} has not completed.");
        await using var db = database.CreateContext();
        return await db.RuleDraftPreviewParcels.AsNoTracking().Where(p => p.PreviewId == previewId).Select(p => p.CsvGzip).SingleAsync(ct);
    }

    async Task<DraftPreviewView?> ViewAsync(LandQualityDbContext db, string ruleSet, long draftId, RuleDraftPreview? preview, CancellationToken ct)
    {
        // The draft must be the rule set's: a preview is not found under another rule set's name.
        var content = await db.RuleDrafts.AsNoTracking().Where(d => d.Id == draftId && d.RuleSet == ruleSet).Select(d => d.Content).SingleOrDefaultAsync(ct);
        if (content is null)
            throw new RuleDraftNotFoundException($"Bộ quy tắc {ruleSet} không có bản nháp {draftId}.", $"Rule set {ruleSet} has no draft {draftId}.");
        if (preview is null)
            return null;
        var publishedNow = await db.RuleSetVersions.Where(v => v.RuleSet == ruleSet && v.Status == RuleSetStatus.Published)
            .Select(v => (int?)v.Version).SingleOrDefaultAsync(ct);
        return DraftPreviewView.Of(preview, RuleSetStore.Hash(content), publishedNow);
    }
}
