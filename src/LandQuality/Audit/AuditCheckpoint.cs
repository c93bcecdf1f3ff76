using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;

namespace LandQuality.Audit;

/// <summary>
/// An anchor over every chain, kept outside the database (<c>lq audit checkpoint --out FILE</c>): the last
/// entry id at a cut, and a SHA-256 digest over each chain's last entry up to that id (parcel, seq, hash,
/// in parcel order). An entry's hash covers every entry before it, so the digest fixes the whole history
/// up to the cut: <c>lq audit verify --against FILE</c> recomputes it, and any entry up to the cut that was
/// removed, rewritten (even with every hash after it recomputed), added, or a chain dropped or truncated,
/// changes it. What was written after the cut it cannot vouch for; the next checkpoint does.
/// </summary>
public sealed record AuditCheckpoint(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("database")] string Database,
    [property: JsonPropertyName("taken_at")] DateTimeOffset TakenAt,
    [property: JsonPropertyName("last_entry_id")] long LastEntryId,
    [property: JsonPropertyName("entries")] long Entries,
    [property: JsonPropertyName("chains")] long Chains,
    [property: JsonPropertyName("digest")] string Digest)
{
    public const string CurrentFormat = "landquality-audit-checkpoint/1";

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>
    /// Cuts the history (<c>audit_cut</c>: every entry up to the returned id is committed, and no later one can
    /// take a smaller id), then reads it up to the cut, checking every chain. A history already broken up to the
    /// cut gets no checkpoint: the problems are returned instead.
    /// </summary>
    public static async Task<(AuditCheckpoint? Checkpoint, VerificationResult Result)> TakeAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        long cut;
        string database;
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct))
        {
            await using (var cmd = new NpgsqlCommand("SELECT audit_cut()", conn, tx))
                cut = (long)(await cmd.ExecuteScalarAsync(ct))!;
            await using (var cmd = new NpgsqlCommand("SELECT current_database()", conn, tx))
                database = (string)(await cmd.ExecuteScalarAsync(ct))!;
            await tx.CommitAsync(ct);
        }
        var (result, digest) = await AuditVerifier.ReadUpToAsync(db, cut, ct);
        if (!result.Intact)
            return (null, result);
        return (new AuditCheckpoint(CurrentFormat, database, DateTimeOffset.UtcNow, cut, digest.Entries, digest.Chains, digest.Digest), result);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static AuditCheckpoint Read(string path)
    {
        AuditCheckpoint? checkpoint;
        try
        {
            checkpoint = JsonSerializer.Deserialize<AuditCheckpoint>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a checkpoint file: {e.Message}", e);
        }
        if (checkpoint is null || checkpoint.Format != CurrentFormat || checkpoint.Digest is not { Length: 64 })
            throw new InvalidDataException($"{path} is not a checkpoint file of format {CurrentFormat}.");
        return checkpoint;
    }
}

/// <summary>The digest of the history up to a cut, and what it covers.</summary>
public sealed record CutDigest(long Entries, long Chains, string Digest);
