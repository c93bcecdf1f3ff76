namespace LandQuality.Imports;

/// <summary>Abandoned: the process running it ended without finishing (see <see cref="Data.JobLease"/>); nothing of it was merged.</summary>
public enum ImportStatus { Running, Completed, Failed, Abandoned }

/// <summary>One run of <c>lq import</c>: who brought which files in, when, and what came of each row.</summary>
public sealed class ImportRecord
{
    public long Id { get; init; }
    public required string ImportedBy { get; init; }
    public required string Source { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; set; }
    public ImportStatus Status { get; set; }
    public string? Error { get; set; }
    public List<ImportFile> Files { get; init; } = [];
}

/// <summary>Counts and fingerprint of one file of an import.</summary>
public sealed class ImportFile
{
    public long ImportId { get; init; }
    public required string FileName { get; init; }
    public required string Sha256 { get; set; }
    public long Bytes { get; set; }
    public long RowsRead { get; set; }
    public long RowsLoaded { get; set; }
    public long RowsRejected { get; set; }
}

/// <summary>A row the import refused, with where and why, so nothing is lost silently.</summary>
public sealed class ImportReject
{
    public long Id { get; init; }
    public long ImportId { get; init; }
    public required string FileName { get; init; }
    public long Line { get; init; }
    public string? ColumnName { get; init; }
    public required string Reason { get; init; }
    public string? RawLine { get; init; }
}
