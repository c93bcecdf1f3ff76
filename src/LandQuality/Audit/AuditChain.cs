using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace LandQuality.Audit;

/// <summary>
/// Appends entries to a parcel's hash chain inside the caller's transaction, so an entry exists
/// exactly when the change it records was committed. The append itself is the SQL function
/// <c>audit_append</c> (migration AuditAppendFunction): it takes the row lock on the parcel's audit
/// head, so two transactions can never fork a chain, and hashes as <see cref="HashOf"/> does.
/// </summary>
public static class AuditChain
{
    // Names stay readable for the auditor (no \uXXXX escapes); the stored text is what is hashed either way.
    static readonly JsonSerializerOptions PayloadJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The <c>audit_append</c> call as a command of the caller's batch: one entry, one statement, hashed in SQL.</summary>
    public static NpgsqlBatchCommand AppendCommand(string parcelId, string actor, string kind, object payload) => new("SELECT audit_append($1, $2, $3, $4)")
    {
        Parameters =
        {
            new NpgsqlParameter<string> { TypedValue = parcelId },
            new NpgsqlParameter<string> { TypedValue = actor },
            new NpgsqlParameter<string> { TypedValue = kind },
            new NpgsqlParameter<string> { TypedValue = Payload(payload) },
        },
    };

    /// <summary>Appends one entry; returns its sequence number in the parcel's chain.</summary>
    public static async Task<int> AppendAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string parcelId, string actor,
        string kind, object payload, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx) { BatchCommands = { AppendCommand(parcelId, actor, kind, payload) } };
        return (int)(await batch.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Appends one entry to each of many chains in one statement (an import's or an evaluation batch's
    /// changes): <paramref name="sourceSql"/> yields columns <c>parcel_id</c> and <c>payload</c>, one row per
    /// parcel. Each head is moved by one UPDATE that locks it, reads its latest committed values (a review
    /// decision appending meanwhile is waited for, then built upon), computes the new entry's hash from the
    /// old head and keeps that old hash in <c>prev_hash</c> for the entry: one write per chain, where locking
    /// the heads first and updating them after was two. A parcel without a chain gets its first entry; one
    /// created meanwhile by another transaction makes the statement fail rather than fork. Parameters $1
    /// (time), $2 (actor) and $3 (kind) are the caller's first three.
    /// </summary>
    public static string AppendManySql(string sourceSql) => $"""
        WITH src AS ({sourceSql}),
        consts AS MATERIALIZED (SELECT to_char($1::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_text),
        moved AS (
            UPDATE audit_heads h SET seq = h.seq + 1, prev_hash = h.hash,
                hash = {HashExpression("h.hash", "h.parcel_id", "(h.seq + 1)::text", "consts.at_text", "$2::text", "$3::text", "src.payload::text")}
            FROM src, consts WHERE h.parcel_id = src.parcel_id
            RETURNING h.parcel_id, h.seq, h.prev_hash, h.hash, src.payload::text AS payload),
        starts AS (
            SELECT s.parcel_id, s.payload::text AS payload,
                   {HashExpression($"'{Genesis}'", "s.parcel_id", "'1'", "consts.at_text", "$2::text", "$3::text", "s.payload::text")} AS hash
            FROM src s, consts WHERE NOT EXISTS (SELECT 1 FROM audit_heads h WHERE h.parcel_id = s.parcel_id)),
        first AS (INSERT INTO audit_heads (parcel_id, seq, hash) SELECT parcel_id, 1, hash FROM starts)
        INSERT INTO audit_events (parcel_id, seq, at, actor, kind, payload, prev_hash, hash)
        SELECT parcel_id, seq, $1, $2, $3, payload, prev_hash, hash FROM moved
        UNION ALL
        SELECT parcel_id, 1, $1, $2, $3, payload, '{Genesis}', hash FROM starts
        """;

    /// <summary>The payload text exactly as stored and hashed.</summary>
    public static string Payload(object payload) => JsonSerializer.Serialize(payload, PayloadJson);

    /// <summary>
    /// Every field that matters, each prefixed with its UTF-8 byte length so no two different entries
    /// hash the same text. <see cref="HashSql"/> and the function <c>audit_append</c> compute the
    /// same value inside PostgreSQL; the verifier recomputes it here.
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
    public static string HashSql { get; } = HashExpression("prev_hash", "parcel_id", "seq::text",
        "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')", "actor", "kind", "payload");

    /// <summary><see cref="HashOf"/> over seven SQL text expressions (the time already formatted as it hashes).</summary>
    public static string HashExpression(params string[] parts) => "encode(sha256(convert_to(" + string.Join(" || ",
        parts.Select(part => $"octet_length({part})::text || ':' || {part} || '|'")) + ", 'UTF8')), 'hex')";

    /// <summary>PostgreSQL keeps microseconds; hashing the same precision lets verification recompute exactly.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);
}
