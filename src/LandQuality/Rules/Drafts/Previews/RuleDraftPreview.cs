namespace LandQuality.Rules.Drafts.Previews;

/// <summary>queued → running → completed, or failed (a refusal, an error, or the process ended mid-run).</summary>
public enum DraftPreviewStatus { Queued, Running, Completed, Failed }

/// <summary>
/// An impact preview of one draft revision over the whole data set, run in the background: its progress, and
/// when done the report and the affected parcels, so both are served again without re-running. It previews
/// the content it was asked for (kept here), against the version in force then; if the draft or the version in
/// force has changed since, the preview is stale (<see cref="DraftPreviewView.Stale"/>), not rewritten.
/// </summary>
public sealed class RuleDraftPreview
{
    public long Id { get; init; }
    public required long DraftId { get; init; }
    /// <summary>The draft's revision (xmin) when the preview was asked for.</summary>
    public required long DraftRevision { get; init; }
    public required string Content { get; init; }
    public required string ContentHash { get; init; }
    public required int PublishedVersion { get; init; }
    public DraftPreviewStatus Status { get; private set; }
    public long ParcelsDone { get; private set; }
    public long ParcelsTotal { get; private set; }
    public required string RequestedBy { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public string? Error { get; private set; }
    /// <summary>The <see cref="Versions.ImpactReport"/> as JSON, once completed.</summary>
    public string? Report { get; private set; }
    /// <summary>Lines of the stored affected-parcels file (<see cref="RuleDraftPreviewParcels"/>), once completed.</summary>
    public long? AffectedLines { get; private set; }

    public void Start(long parcelsTotal, DateTimeOffset at)
    {
        Require(DraftPreviewStatus.Queued);
        Status = DraftPreviewStatus.Running;
        ParcelsTotal = parcelsTotal;
        StartedAt = at;
    }

    /// <param name="parcels">The parcels the preview read: done, and the total now (parcels may have come or gone since the count at the start).</param>
    public void Complete(string report, long parcels, long affectedLines, DateTimeOffset at)
    {
        Require(DraftPreviewStatus.Running);
        Status = DraftPreviewStatus.Completed;
        Report = report;
        ParcelsDone = ParcelsTotal = parcels;
        AffectedLines = affectedLines;
        FinishedAt = at;
    }

    public void Fail(string error, DateTimeOffset at)
    {
        if (Status is DraftPreviewStatus.Completed or DraftPreviewStatus.Failed)
            throw new InvalidOperationException($"Preview {Id} is already {Status}.");
        Status = DraftPreviewStatus.Failed;
        Error = error;
        FinishedAt = at;
    }

    void Require(DraftPreviewStatus status)
    {
        if (Status != status)
            throw new InvalidOperationException($"Preview {Id} is {Status}, not {status}.");
    }
}

/// <summary>A completed preview's affected parcels: the CSV file the download serves, gzip-compressed (a million lines take a few MB).</summary>
public sealed class RuleDraftPreviewParcels
{
    public required long PreviewId { get; init; }
    public required byte[] CsvGzip { get; init; }
}
