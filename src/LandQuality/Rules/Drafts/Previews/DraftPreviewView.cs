using System.Text.Json;
using LandQuality.Rules.Versions;

namespace LandQuality.Rules.Drafts.Previews;

/// <summary>
/// A background preview as the editor reads it.
/// </summary>
/// <param name="Stale">The draft's content or the version in force has changed since: the report describes an older draft or compares with an older version.</param>
/// <param name="Report">Once completed.</param>
public sealed record DraftPreviewView(long PreviewId, long DraftId, string Status, long ParcelsDone, long ParcelsTotal, long DraftRevision,
    int PublishedVersion, bool Stale, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    string? Error, long? AffectedLines, ImpactReport? Report)
{
    /// <summary>Whole percent done, 0–100; 0 while the total is unknown.</summary>
    public int Percent => ParcelsTotal <= 0 ? (Status == "completed" ? 100 : 0) : (int)Math.Min(100, ParcelsDone * 100 / ParcelsTotal);

    public bool Finished => Status is "completed" or "failed";

    public static DraftPreviewView Of(RuleDraftPreview p, string currentContentHash, int? publishedNow) => new(p.Id, p.DraftId,
        p.Status.ToString().ToLowerInvariant(), p.ParcelsDone, p.ParcelsTotal, p.DraftRevision, p.PublishedVersion,
        p.ContentHash != currentContentHash || p.PublishedVersion != publishedNow, p.RequestedBy, p.RequestedAt, p.StartedAt, p.FinishedAt, p.Error,
        p.AffectedLines, p.Report is null ? null : JsonSerializer.Deserialize<ImpactReport>(p.Report));
}
