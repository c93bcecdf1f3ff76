namespace LandQuality.Imports;

/// <summary>What became of one file: rows read, loaded, rejected; of the loaded, how many were new or changed.</summary>
public sealed record FileSummary(string FileName, long RowsRead, long RowsLoaded, long RowsRejected, long Inserted, long Updated)
{
    /// <summary>Loaded rows that matched what the database already held.</summary>
    public long Unchanged => RowsLoaded - Inserted - Updated;
}

/// <summary>
/// The outcome of one <c>lq import</c>; the reject report lists every refused row. <see cref="Warning"/>
/// says what went wrong after the import had committed (it is complete all the same).
/// </summary>
public sealed record ImportSummary(long ImportId, IReadOnlyList<FileSummary> Files, string? RejectReportPath, TimeSpan Elapsed,
    string? Warning = null)
{
    /// <summary>Seconds of each step, in the order they ran (<see cref="ImportPhases"/>).</summary>
    public IReadOnlyList<ImportPhase> Phases { get; init; } = [];

    public long RowsRejected => Files.Sum(f => f.RowsRejected);
}

/// <summary>Bytes read so far of the whole import, for a progress bar.</summary>
public readonly record struct ImportProgress(string FileName, long BytesRead, long TotalBytes);
