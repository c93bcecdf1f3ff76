using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LandQuality.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace LandQuality.Audit;

/// <summary>
/// Appends entries to a parcel's hash chain inside the caller's transaction, so an entry exists
/// exactly when the change it records was committed. Appends for one parcel are serialised by the
/// row lock on its audit head (taken here), so two transactions can never fork a chain.
/// </summary>
public static class AuditChain
{
    // Names stay readable for the auditor (no \uXXXX escapes); the stored text is what is hashed either way.
    static readonly JsonSerializerOptions PayloadJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static async Task<AuditEvent> AppendAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string parcelId, string actor,
        string kind, object payload, CancellationToken ct)
    {
        await using (var ensure = new NpgsqlCommand(
            "INSERT INTO audit_heads (parcel_id, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (parcel_id) DO NOTHING", conn, tx))
        {
            ensure.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parcelId });
            ensure.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Genesis });
            await ensure.ExecuteNonQueryAsync(ct);
        }
        int seq;
        string prev;
        await using (var head = new NpgsqlCommand("SELECT seq, hash FROM audit_heads WHERE parcel_id = $1 FOR UPDATE", conn, tx))
        {
            head.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parcelId });
            await using var r = await head.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            (seq, prev) = (r.GetInt32(0) + 1, r.GetString(1));
        }
        var entry = Create(parcelId, seq, Truncate(DateTimeOffset.UtcNow), actor, kind, JsonSerializer.Serialize(payload, PayloadJson), prev);
        await using var insert = new NpgsqlCommand("""
            WITH entry AS (
                INSERT INTO audit_events (parcel_id, seq, at, actor, kind, payload, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8))
            UPDATE audit_heads SET seq = $2, hash = $8 WHERE parcel_id = $1
            """, conn, tx);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.ParcelId });
        insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = entry.Seq });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.At });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Actor });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Kind });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Payload });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.PrevHash });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Hash });
        await insert.ExecuteNonQueryAsync(ct);
        return entry;
    }

    /// <summary>Appends within the EF context's current transaction (the one that makes the recorded change).</summary>
    public static Task<AuditEvent> AppendAsync(LandQualityDbContext db, string parcelId, string actor, string kind, object payload, CancellationToken ct)
    {
        var tx = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("An audit entry must be written in the transaction of the change it records.");
        return AppendAsync((NpgsqlConnection)db.Database.GetDbConnection(), tx, parcelId, actor, kind, payload, ct);
    }

    public static AuditEvent Create(string parcelId, int seq, DateTimeOffset at, string actor, string kind, string payload, string prevHash) => new()
    {
        ParcelId = parcelId, Seq = seq, At = at, Actor = actor, Kind = kind, Payload = payload, PrevHash = prevHash,
        Hash = HashOf(parcelId, seq, at, actor, kind, payload, prevHash),
    };

    /// <summary>
    /// Every field that matters, each prefixed with its UTF-8 byte length so no two different entries
    /// hash the same text. <see cref="HashSql"/> computes the same value inside PostgreSQL for bulk appends.
    /// </summary>
    public static string HashOf(string parcelId, int seq, DateTimeOffset at, string actor, string kind, string payload, string prevHash)
    {
        var sb = new StringBuilder();
        foreach (var part in new[] { prevHash, parcelId, seq.ToString(CultureInfo.InvariantCulture),
                     at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), actor, kind, payload })
            sb.Append(Encoding.UTF8.GetByteCount(part).ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('|');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    /// <summary>
    /// <see cref="HashOf"/> as a SQL expression over columns named prev_hash, parcel_id, seq, at, actor,
    /// kind and payload, for set-based appends (opening half a million cases at once).
    /// </summary>
    public static string HashSql { get; } = "encode(sha256(convert_to(" + string.Join(" || ",
        new[] { "prev_hash", "parcel_id", "seq::text", "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')", "actor", "kind", "payload" }
            .Select(part => $"octet_length({part})::text || ':' || {part} || '|'")) + ", 'UTF8')), 'hex')";

    /// <summary>PostgreSQL keeps microseconds; hashing the same precision lets verification recompute exactly.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);
}
