using System.IO.Compression;
using LandQuality.Data;
using LandQuality.Rules.Drafts.Previews;
using LandQuality.Web.Accounts;
using LandQuality.Web.Background;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandQuality.Web.Apis;

/// <param name="Again">Run again even when this draft revision was already previewed against the version in force (the data changed since).</param>
public sealed record PreviewRunBody(bool Again = false);

public sealed record PreviewRunStarted(long PreviewId, string Status);

/// <summary>A background preview: its progress, and once completed the report in the same shape as <c>POST …/preview</c>'s.</summary>
/// <param name="Stale">The draft or the version in force has changed since the preview was asked for.</param>
public sealed record PreviewRunView(long PreviewId, long DraftId, string Status, long ParcelsDone, long ParcelsTotal, int Percent, long DraftRevision,
    int PublishedVersion, bool Stale, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error,
    long? AffectedLines, DraftPreview? Report)
{
    public static PreviewRunView Of(DraftPreviewView p) => new(p.PreviewId, p.DraftId, p.Status, p.ParcelsDone, p.ParcelsTotal, p.Percent, p.DraftRevision,
        p.PublishedVersion, p.Stale, p.RequestedBy, p.RequestedAt, p.StartedAt, p.FinishedAt, p.Error, p.AffectedLines,
        p.Report is null ? null : DraftPreview.Of(p.Report));
}

/// <summary>
/// The impact preview of a draft over the whole data set, in the background (<see cref="DraftPreviews"/>): started,
/// followed, and its stored report and affected parcels served without running it again. Mapped inside the rule
/// sets' group, so policy staff only, as every route there.
/// </summary>
public static class DraftPreviewsApi
{
    public static RouteGroupBuilder MapDraftPreviews(this RouteGroupBuilder api)
    {
        api.MapPost("/{name}/drafts/{draftId:long}/previews", Start);
        api.MapGet("/{name}/drafts/{draftId:long}/previews/{previewId:long}", Show);
        api.MapGet("/{name}/drafts/{draftId:long}/previews/{previewId:long}/parcels.csv", AffectedParcels);
        return api;
    }

    /// <summary>202 with the queued preview; 200 with the one already asked for, or done, for this draft revision and version in force.</summary>
    static async Task<Results<Accepted<PreviewRunStarted>, Ok<PreviewRunStarted>>> Start(string name, long draftId, PreviewRunBody? body, HttpContext context,
        Database database, DraftPreviews previews, CancellationToken ct)
    {
        var (preview, created) = await new DraftPreviewQueue(database).RequestAsync(name, draftId, context.Reviewer().UserName, body?.Again ?? false, ct);
        var location = $"/api/rule-sets/{Uri.EscapeDataString(name)}/drafts/{draftId}/previews/{preview.PreviewId}";
        var started = new PreviewRunStarted(preview.PreviewId, preview.Status);
        if (created)
        {
            previews.Wake();
            return TypedResults.Accepted(location, started);
        }
        context.Response.Headers.Location = location;
        return TypedResults.Ok(started);
    }

    static async Task<Ok<PreviewRunView>> Show(string name, long draftId, long previewId, Database database, CancellationToken ct) =>
        TypedResults.Ok(PreviewRunView.Of(await new DraftPreviewQueue(database).GetAsync(name, draftId, previewId, ct)));

    /// <summary>The stored file, as the synchronous preview's <c>parcels.csv</c> writes it; 409 before the preview completes.</summary>
    internal static async Task AffectedParcels(string name, long draftId, long previewId, HttpContext context, Database database, CancellationToken ct)
    {
        var gzip = await new DraftPreviewQueue(database).AffectedParcelsAsync(name, draftId, previewId, ct);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}-draft-{draftId}-preview-{previewId}-affected.csv\"";
        await using var csv = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        await csv.CopyToAsync(context.Response.Body, ct);
    }
}
