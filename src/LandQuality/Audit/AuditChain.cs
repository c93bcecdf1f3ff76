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
/// head, so two transactions can never fork a chain, and hashes as <see cref="HashOf"/> does. It and
/// <c>audit_append_many</c> run as the schema's owner (migration AuditHardening): the application's
/// role may call them and read the history, never write it directly.
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

    /// <summary>
    /// <see cref="AppendCommand"/> for an entry that records a change of the parcel's fields: the payload gets the
    /// key <c>"state"</c>, the parcel's <see cref="ParcelState"/> as the transaction sees it when the entry is
    /// appended, so after every write that comes before it in the batch.
    /// </summary>
    public static NpgsqlBatchCommand AppendWithStateCommand(string parcelId, string actor, string kind, object payload) =>
        new($"SELECT audit_append($1, $2, $3, {WithState("$4::text", "$1")})")
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = parcelId },
                new NpgsqlParameter<string> { TypedValue = actor },
                new NpgsqlParameter<string> { TypedValue = kind },
                new NpgsqlParameter<string> { TypedValue = Payload(payload) },
            },
        };

    /// <summary>
    /// The JSON object <paramref name="payloadSql"/> (as <see cref="Payload"/> writes one: at least one key, no
    /// trailing space) with <c>"state"</c> added last: the state of the parcel <paramref name="parcelIdSql"/>, or null
    /// when it has no row.
    /// </summary>
    public static string WithState(string payloadSql, string parcelIdSql) =>
        $"left({payloadSql}, -1) || ',\"state\":' || coalesce('\"' || {ParcelState.Of(parcelIdSql)} || '\"', 'null') || '}}'";

    /// <summary>Appends one entry; returns its sequence number in the parcel's chain.</summary>
    public static async Task<int> AppendAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string parcelId, string actor,
        string kind, object payload, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx) { BatchCommands = { AppendCommand(parcelId, actor, kind, payload) } };
        return (int)(await batch.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Appends one entry to each of many chains in one statement (an import's, an evaluation batch's or the
    /// case opener's changes): <paramref name="sourceSql"/> yields columns <c>parcel_id</c> and <c>payload</c>,
    /// one row per parcel. The rows go, <see cref="ChunkSize"/> at a time, to the function
    /// <c>audit_append_many</c> (migrations AuditHardening and AppendManyProbesHeadsOnce), which moves each head
    /// with one UPDATE that locks it, waits for a review decision appending meanwhile and builds upon it; the
    /// function runs as the schema's owner, so the application's role writes no audit table itself. The
    /// aggregates are ordered, which PostgreSQL 15 computes group by group over sorted input: one chunk in memory
    /// at a time, whatever the import's size. The statement returns the number of entries appended. <paramref name="at"/>,
    /// <paramref name="actor"/> and <paramref name="kind"/> are SQL expressions, by default the caller's first
    /// three parameters.
    /// </summary>
    public static string AppendManySql(string sourceSql, string at = "$1", string actor = "$2", string kind = "$3") => $"""
        SELECT coalesce(sum(audit_append_many({at}::timestamptz, {actor}::text, {kind}::text, chunk.parcel_ids, chunk.payloads)), 0)::bigint AS appended
        FROM (SELECT array_agg(n.parcel_id ORDER BY n.row) AS parcel_ids, array_agg(n.payload ORDER BY n.row) AS payloads
              FROM (SELECT src.parcel_id::text AS parcel_id, src.payload::text AS payload, row_number() OVER () AS row
                    FROM ({sourceSql}) src) n
              GROUP BY (n.row - 1) / {ChunkSize}) chunk
        """;

    /// <summary>
    /// Starts the chain of each parcel <paramref name="sourceSql"/> yields (columns <c>parcel_id</c> and <c>payload</c>;
    /// none may have a chain yet: a first import) through the function <c>audit_start_many</c> (migration
    /// FirstLoadHistory), which writes each first entry and its head in one pass, with no head to probe or move: the
    /// same entries, hash for hash, as <c>audit_append_many</c> writes. A parcel that has a chain makes it fail,
    /// never fork. The rows come through a cursor, <see cref="ChunkSize"/> at a time, and go back as the function's
    /// two arrays: one chunk in memory at a time, without the window, sort and ordered aggregates over the whole
    /// source that <see cref="AppendManySql"/> needs to cut it into chunks in SQL. Returns the entries written.
    /// </summary>
    public static async Task<long> StartManyAsync(NpgsqlConnection conn, string sourceSql, IEnumerable<NpgsqlParameter> sourceParameters,
        DateTimeOffset at, string actor, string kind, CancellationToken ct)
    {
        // A cursor's plan is otherwise made for its first rows: nested index probes instead of the source's merge joins.
        await using (var fraction = new NpgsqlCommand("SET LOCAL cursor_tuple_fraction = 1", conn))
            await fraction.ExecuteNonQueryAsync(ct);
        await using (var declare = new NpgsqlCommand($"DECLARE new_chains NO SCROLL CURSOR FOR {sourceSql}", conn))
        {
            declare.Parameters.AddRange(sourceParameters.ToArray());
            await declare.ExecuteNonQueryAsync(ct);
        }
        long written = 0;
        var (parcelIds, payloads) = (new List<string>(ChunkSize), new List<string>(ChunkSize));
        while (true)
        {
            parcelIds.Clear();
            payloads.Clear();
            await using (var fetch = new NpgsqlCommand($"FETCH {ChunkSize} FROM new_chains", conn))
            await using (var reader = await fetch.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                {
                    parcelIds.Add(reader.GetString(0));
                    payloads.Add(reader.GetString(1));
                }
            if (parcelIds.Count == 0)
                break;
            await using var start = new NpgsqlCommand("SELECT audit_start_many($1, $2, $3, $4, $5)", conn)
            {
                Parameters =
                {
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = at }, new NpgsqlParameter<string> { TypedValue = actor },
                    new NpgsqlParameter<string> { TypedValue = kind }, new NpgsqlParameter<List<string>> { TypedValue = parcelIds },
                    new NpgsqlParameter<List<string>> { TypedValue = payloads },
                },
            };
            written += (long)(await start.ExecuteScalarAsync(ct))!;
        }
        await using (var close = new NpgsqlCommand("CLOSE new_chains", conn))
            await close.ExecuteNonQueryAsync(ct);
        return written;
    }

    /// <summary>Entries per call of <c>audit_append_many</c>: large enough that the calls cost nothing, small enough to bound memory.</summary>
    public const int ChunkSize = 50_000;

    /// <summary>
    /// The operating-system account that runs this process, when it is the CLI: its commands name the reviewer with
    /// <c>--user</c>, which nothing authenticates, so every entry they write also records who really ran them
    /// (<c>"os_user"</c>, last in the payload). Null in the web application, whose users sign in.
    /// </summary>
    public static string? OperatingSystemUser { get; set; }

    /// <summary>
    /// The SQL expression <paramref name="payloadSql"/> (a JSON object with at least one key, as text) with
    /// <see cref="OperatingSystemUser"/> added last, as <see cref="Payload"/> adds it to the entries built here: for
    /// the entries whose payload is built in SQL (a task opened by a decision, a case reopened or opened, an
    /// import); as text either way. Nothing is added in the web application. The name goes in as a literal,
    /// not a parameter, because these statements' parameters are numbered by their callers; it is JSON-escaped and
    /// then quoted as SQL, so no name can end the literal.
    /// </summary>
    public static string WithOperatingSystemUser(string payloadSql)
    {
        if (OperatingSystemUser is not { } os)
            return $"({payloadSql})::text";
        var tail = ",\"os_user\":" + JsonSerializer.Serialize(os, PayloadJson) + "}";
        return $"(left(({payloadSql})::text, -1) || '{tail.Replace("'", "''", StringComparison.Ordinal)}')";
    }

    /// <summary>The payload text exactly as stored and hashed.</summary>
    public static string Payload(object payload)
    {
        var json = JsonSerializer.Serialize(payload, PayloadJson);
        if (OperatingSystemUser is not { } os || json.Length < 2 || json[^1] != '}')
            return json;
        return json[..^1] + (json.Length > 2 ? "," : "") + "\"os_user\":" + JsonSerializer.Serialize(os, PayloadJson) + "}";
    }

    /// <summary>
    /// Every field that matters, each prefixed with its UTF-8 byte length so no two different entries
    /// hash the same text. The functions <c>audit_append</c> and <c>audit_append_many</c> compute the
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

    /// <summary>PostgreSQL keeps microseconds; hashing the same precision lets verification recompute exactly.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);
}
