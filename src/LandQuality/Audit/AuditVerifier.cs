using Npgsql;

namespace LandQuality.Audit;

/// <summary>One break in a chain: which parcel, at which entry, and what is wrong.</summary>
public sealed record ChainBreak(string ParcelId, int Seq, string Problem);

public sealed record VerificationResult(long Parcels, long Events, IReadOnlyList<ChainBreak> Breaks)
{
    public bool Intact => Breaks.Count == 0;
}

/// <summary>
/// <c>lq audit verify</c>: recomputes every entry's hash in chain order and checks the links, the
/// sequence (no gaps) and the head (no truncated tail). Streams, so it runs in bounded memory.
/// </summary>
public static class AuditVerifier
{
    public static async Task<VerificationResult> VerifyAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var breaks = new List<ChainBreak>();
        var heads = new Dictionary<string, (int Seq, string Hash)>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand("SELECT parcel_id, seq, hash FROM audit_heads"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            var (parcelAt, seqAt, hashAt) = (r.GetOrdinal("parcel_id"), r.GetOrdinal("seq"), r.GetOrdinal("hash"));
            while (await r.ReadAsync(ct))
                heads[r.GetString(parcelAt)] = (r.GetInt32(seqAt), r.GetString(hashAt));
        }

        long events = 0, chains = 0;
        string? parcel = null;
        var expectedSeq = 1;
        var prev = AuditChain.Genesis;
        void CloseChain()
        {
            if (parcel is null)
                return;
            if (!heads.Remove(parcel, out var head))
                breaks.Add(new ChainBreak(parcel, expectedSeq - 1, "the chain has no head record"));
            else if (head.Seq != expectedSeq - 1 || head.Hash != prev)
                breaks.Add(new ChainBreak(parcel, head.Seq, $"the head says entry {head.Seq} is the last, the chain ends at {expectedSeq - 1}: entries were removed or added"));
        }

        await using (var cmd = db.CreateCommand(
            "SELECT parcel_id, seq, at, actor, kind, payload, prev_hash, hash FROM audit_events ORDER BY parcel_id COLLATE \"C\", seq"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            int parcelAt = r.GetOrdinal("parcel_id"), seqAt = r.GetOrdinal("seq"), atAt = r.GetOrdinal("at"), actorAt = r.GetOrdinal("actor"),
                kindAt = r.GetOrdinal("kind"), payloadAt = r.GetOrdinal("payload"), prevHashAt = r.GetOrdinal("prev_hash"), hashAt = r.GetOrdinal("hash");
            while (await r.ReadAsync(ct))
            {
                events++;
                var id = r.GetString(parcelAt);
                if (id != parcel)
                {
                    CloseChain();
                    chains++;
                    (parcel, expectedSeq, prev) = (id, 1, AuditChain.Genesis);
                }
                var seq = r.GetInt32(seqAt);
                if (seq != expectedSeq)
                    breaks.Add(new ChainBreak(id, seq, $"entry {expectedSeq} is missing"));
                var (prevHash, hash) = (r.GetString(prevHashAt), r.GetString(hashAt));
                if (prevHash != prev)
                    breaks.Add(new ChainBreak(id, seq, "the link to the previous entry is broken"));
                var recomputed = AuditChain.HashOf(id, seq, r.GetFieldValue<DateTimeOffset>(atAt), r.GetString(actorAt), r.GetString(kindAt),
                    r.GetString(payloadAt), prevHash);
                if (recomputed != hash)
                    breaks.Add(new ChainBreak(id, seq, "the entry was altered: its content does not match its hash"));
                (prev, expectedSeq) = (hash, seq + 1);
            }
        }
        CloseChain();
        foreach (var (orphan, head) in heads.Where(h => h.Value.Seq > 0))
            breaks.Add(new ChainBreak(orphan, head.Seq, "all entries of this chain were removed"));
        return new VerificationResult(chains, events, breaks);
    }
}
