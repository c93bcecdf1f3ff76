using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LandQuality.Audit;

/// <summary>One entry as stored.</summary>
sealed record StoredEntry(long Id, int Seq, DateTimeOffset At, string Actor, string Kind, string Payload, string PrevHash, string Hash);

/// <summary>A chain's head as stored.</summary>
sealed record StoredHead(int Seq, string Hash);

/// <summary>
/// The checks of one chain on its own: each entry's hash recomputed, each link to the previous entry,
/// the sequence without gaps, and the head naming the last entry. Also feeds the checkpoint digest:
/// for each chain, the last entry at or below the cut (see <see cref="AuditCheckpoint"/>).
/// </summary>
sealed class ChainCheck(long? cut)
{
    readonly IncrementalHash _digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long EntriesAtCut { get; private set; }
    public long ChainsAtCut { get; private set; }

    /// <summary>SHA-256 over one line <c>parcel_id TAB seq TAB hash</c> per chain, in parcel order, of its last entry at or below the cut.</summary>
    public string Digest() => Convert.ToHexStringLower(_digest.GetHashAndReset());

    /// <param name="head">Null when heads are not checked (a checkpoint reads the history as of its cut, whatever came after).</param>
    public void Check(string parcel, IReadOnlyList<StoredEntry> entries, StoredHead? head, bool checkHead, ProblemSink problems)
    {
        var (expectedSeq, prev) = (1, AuditChain.Genesis);
        StoredEntry? atCut = null;
        foreach (var e in entries)
        {
            if (e.Seq != expectedSeq)
                problems.Add(AuditCheck.Chain, parcel, e.Seq, $"entry {expectedSeq} is missing");
            if (e.PrevHash != prev)
                problems.Add(AuditCheck.Chain, parcel, e.Seq, "the link to the previous entry is broken");
            if (AuditChain.HashOf(parcel, e.Seq, e.At, e.Actor, e.Kind, e.Payload, e.PrevHash) != e.Hash)
                problems.Add(AuditCheck.Chain, parcel, e.Seq, "the entry was altered: its content does not match its hash");
            (prev, expectedSeq) = (e.Hash, e.Seq + 1);
            if (cut is { } c && e.Id <= c)
            {
                EntriesAtCut++;
                if (atCut is null || e.Seq > atCut.Seq)
                    atCut = e;
            }
        }
        if (atCut is not null)
        {
            ChainsAtCut++;
            _digest.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{parcel}\t{atCut.Seq}\t{atCut.Hash}\n")));
        }
        if (!checkHead)
            return;
        if (entries.Count == 0)
        {
            if (head is { Seq: > 0 })
                problems.Add(AuditCheck.Chain, parcel, head.Seq, "all entries of this chain were removed");
        }
        else if (head is null)
            problems.Add(AuditCheck.Chain, parcel, expectedSeq - 1, "the chain has no head record");
        else if (head.Seq != expectedSeq - 1 || head.Hash != prev)
            problems.Add(AuditCheck.Chain, parcel, head.Seq,
                $"the head says entry {head.Seq} is the last, the chain ends at {expectedSeq - 1}: entries were removed or added");
    }
}
