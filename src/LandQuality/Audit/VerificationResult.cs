namespace LandQuality.Audit;

/// <summary>What a problem was found by.</summary>
public enum AuditCheck
{
    /// <summary>A chain on its own: an entry's hash, a link, a gap, the head.</summary>
    Chain,
    /// <summary>The history against the checkpoint kept outside the database.</summary>
    Checkpoint,
    /// <summary>Rows and entries that name each other: a case without its opening entry, an entry naming a case that does not exist.</summary>
    CrossCheck,
    /// <summary>A parcel's fields against the state its chain last recorded.</summary>
    Fields,
}

/// <summary>One problem: which parcel, at which entry (0: none in particular), and what is wrong.</summary>
public sealed record ChainBreak(string ParcelId, int Seq, string Problem)
{
    public AuditCheck Check { get; init; } = AuditCheck.Chain;
}

public sealed record VerificationResult(long Parcels, long Events, IReadOnlyList<ChainBreak> Breaks)
{
    /// <summary>Every problem found; <see cref="Breaks"/> keeps the first <see cref="ProblemSink.Kept"/> of them.</summary>
    public long BreakCount { get; init; }
    public bool Intact => BreakCount == 0 && Breaks.Count == 0;

    /// <summary>Parcels whose fields were compared with the state their chain last recorded.</summary>
    public long FieldsCompared { get; init; }

    /// <summary>Parcels whose chain records no state (history written before states were recorded): not compared.</summary>
    public long FieldsNotRecorded { get; init; }

    /// <summary>Review cases, tasks and corrections whose entries were looked for.</summary>
    public long RowsCrossChecked { get; init; }

    /// <summary>The checkpoint verified against, when one was.</summary>
    public AuditCheckpoint? Checkpoint { get; init; }
}

/// <summary>Collects problems, keeping the first ones (a truncated history has one per parcel) and counting all.</summary>
public sealed class ProblemSink
{
    public const int Kept = 10_000;
    readonly List<ChainBreak> _kept = [];

    public long Count { get; private set; }
    public IReadOnlyList<ChainBreak> Breaks => _kept;

    public void Add(AuditCheck check, string parcel, int seq, string problem)
    {
        Count++;
        if (_kept.Count < Kept)
            _kept.Add(new ChainBreak(parcel, seq, problem) { Check = check });
    }
}
