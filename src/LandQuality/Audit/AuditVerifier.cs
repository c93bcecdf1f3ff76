using System.Data;
using LandQuality.Data;
using LandQuality.Rules.Facts;
using Npgsql;

namespace LandQuality.Audit;

/// <summary>What <c>lq audit verify</c> checks besides the chains themselves, and over which parcels.</summary>
public sealed record VerifyOptions
{
    /// <summary>One parcel's chain, rows and fields only; null: every parcel.</summary>
    public string? Parcel { get; init; }

    /// <summary>A checkpoint kept outside the database: the history up to its cut must be the one it saw.</summary>
    public AuditCheckpoint? Against { get; init; }

    /// <summary>Rows and entries that name each other (<see cref="CrossCheck"/>).</summary>
    public bool CrossChecks { get; init; } = true;

    /// <summary>Each parcel's fields against the state its chain last recorded.</summary>
    public bool Fields { get; init; } = true;

    public static VerifyOptions ChainsOnly { get; } = new() { CrossChecks = false, Fields = false };
}

/// <summary>
/// <c>lq audit verify</c>: recomputes every entry's hash in chain order and checks the links, the
/// sequence (no gaps) and the head (no truncated tail); then, parcel by parcel, the chain against the
/// parcel's rows and fields (<see cref="CrossCheck"/>), and the whole history against a checkpoint.
/// Entries, heads, parcels with their state, cases, tasks and corrections stream side by side in parcel
/// order, each from a connection of its own, so memory holds one parcel at a time and PostgreSQL
/// computes the states while the hashes are checked here.
/// </summary>
public static class AuditVerifier
{
    /// <summary>The chains only, as before the cross-checks existed (a history appended to by hand in tests).</summary>
    public static Task<VerificationResult> VerifyAsync(NpgsqlDataSource db, CancellationToken ct) => VerifyAsync(db, VerifyOptions.ChainsOnly, ct);

    public static async Task<VerificationResult> VerifyAsync(NpgsqlDataSource db, VerifyOptions options, CancellationToken ct)
    {
        if (options.Parcel is not null && options.Against is not null)
            throw new ArgumentException("A checkpoint covers the whole history: verify one parcel, or verify against a checkpoint.", nameof(options));
        var problems = new ProblemSink();
        var chains = new ChainCheck(options.Against?.LastEntryId);
        var cross = options.CrossChecks || options.Fields
            ? new CrossCheck(await IdsAsync(db, "SELECT id FROM evaluation_runs", ct), await IdsAsync(db, "SELECT id FROM imports WHERE status = 'Completed'", ct),
                options.CrossChecks, options.Fields)
            : null;
        var c = await UsesCodePointOrderAsync(db, ct) ? "" : " COLLATE \"C\"";
        var (where, parameters) = options.Parcel is { } one
            ? (" WHERE parcel_id = $1", new Func<NpgsqlParameter[]>(() => [new NpgsqlParameter<string> { TypedValue = one }]))
            : ("", () => []);

        await using var entries = await ParcelOrderedRows<StoredEntry>.OpenAsync(db,
            $"SELECT {EntryColumns} FROM audit_events{where} ORDER BY parcel_id{c}, seq", parameters(), ReadEntry, ct);
        await using var heads = await ParcelOrderedRows<StoredHead>.OpenAsync(db,
            $"SELECT parcel_id, seq, hash FROM audit_heads{where} ORDER BY parcel_id{c}", parameters(), _ => r => new StoredHead(r.GetInt32("seq"), r.GetString("hash")), ct);
        await using var parcels = cross is null ? null : await ParcelOrderedRows<StoredParcel>.OpenAsync(db,
            ParcelsSql(options.Parcel is not null, c), parameters(),
            _ => r => new StoredParcel(r.GetValueOrNull<long>("import_id"), r.GetStringOrNull("state"), r.GetBoolean("evaluated")), ct);
        await using var cases = cross is null ? null : await ParcelOrderedRows<StoredCase>.OpenAsync(db,
            $"SELECT id, parcel_id, status FROM review_cases{where} ORDER BY parcel_id{c}, id", parameters(),
            _ => r => new StoredCase(r.GetInt64("id"), r.GetString("status")), ct);
        await using var tasks = cross is null ? null : await ParcelOrderedRows<StoredTask>.OpenAsync(db,
            $"SELECT id, parcel_id, status FROM review_tasks{where} ORDER BY parcel_id{c}, id", parameters(),
            _ => r => new StoredTask(r.GetInt64("id"), r.GetString("status")), ct);
        await using var corrections = cross is null ? null : await ParcelOrderedRows<StoredCorrection>.OpenAsync(db,
            $"SELECT id, parcel_id, task_id, field, status FROM corrections{where} ORDER BY parcel_id{c}, id", parameters(),
            _ => r => new StoredCorrection(r.GetInt64("id"), r.GetInt64("task_id"), r.GetString("field"), r.GetString("status")), ct);

        long events = 0, chainCount = 0;
        while (First(entries.NextParcel, heads.NextParcel, parcels?.NextParcel, cases?.NextParcel, tasks?.NextParcel, corrections?.NextParcel)
               is { } parcel)
        {
            var chain = await entries.TakeAsync(parcel, ct);
            (events, chainCount) = (events + chain.Count, chainCount + (chain.Count > 0 ? 1 : 0));
            chains.Check(parcel, chain, (await heads.TakeAsync(parcel, ct)).FirstOrDefault(), checkHead: true, problems);
            if (cross is not null)
                cross.Check(parcel, chain, (await parcels!.TakeAsync(parcel, ct)).FirstOrDefault(), await cases!.TakeAsync(parcel, ct),
                    await tasks!.TakeAsync(parcel, ct), await corrections!.TakeAsync(parcel, ct), problems);
        }
        if (cross is not null && options.CrossChecks)
            await RetirementChecks.RunAsync(db, cross.Retirements, problems, ct);
        if (options.Against is { } checkpoint)
            CompareWithCheckpoint(checkpoint, new CutDigest(chains.EntriesAtCut, chains.ChainsAtCut, chains.Digest()), problems);
        return new VerificationResult(chainCount, events, problems.Breaks)
        {
            BreakCount = problems.Count, FieldsCompared = cross?.FieldsCompared ?? 0, FieldsNotRecorded = cross?.FieldsNotRecorded ?? 0,
            RowsCrossChecked = cross?.RowsChecked ?? 0, Checkpoint = options.Against,
        };
    }

    /// <summary>The chains up to entry <paramref name="cut"/> (what came later is ignored, heads included) and their digest.</summary>
    internal static async Task<(VerificationResult Result, CutDigest Digest)> ReadUpToAsync(NpgsqlDataSource db, long cut, CancellationToken ct)
    {
        var problems = new ProblemSink();
        var chains = new ChainCheck(cut);
        var c = await UsesCodePointOrderAsync(db, ct) ? "" : " COLLATE \"C\"";
        await using var entries = await ParcelOrderedRows<StoredEntry>.OpenAsync(db,
            $"SELECT {EntryColumns} FROM audit_events WHERE id <= $1 ORDER BY parcel_id{c}, seq", [new NpgsqlParameter<long> { TypedValue = cut }],
            ReadEntry, ct);
        long events = 0;
        while (entries.NextParcel is { } parcel)
        {
            var chain = await entries.TakeAsync(parcel, ct);
            events += chain.Count;
            chains.Check(parcel, chain, head: null, checkHead: false, problems);
        }
        return (new VerificationResult(chains.ChainsAtCut, events, problems.Breaks) { BreakCount = problems.Count },
            new CutDigest(chains.EntriesAtCut, chains.ChainsAtCut, chains.Digest()));
    }

    static void CompareWithCheckpoint(AuditCheckpoint checkpoint, CutDigest now, ProblemSink problems)
    {
        if (now.Digest == checkpoint.Digest && now.Entries == checkpoint.Entries && now.Chains == checkpoint.Chains)
            return;
        problems.Add(AuditCheck.Checkpoint, "", 0,
            $"the history up to entry #{checkpoint.LastEntryId} is not the one the checkpoint of {checkpoint.TakenAt:yyyy-MM-dd HH:mm:ss} UTC recorded " +
            $"({checkpoint.Chains:N0} chains and {checkpoint.Entries:N0} entries then, {now.Chains:N0} and {now.Entries:N0} now" +
            (now.Entries == checkpoint.Entries && now.Chains == checkpoint.Chains ? ", with other hashes" : "") +
            "): entries before the checkpoint were rewritten, removed or added");
    }

    const string EntryColumns = "id, parcel_id, seq, at, actor, kind, payload, prev_hash, hash";

    /// <summary>Reads entries by the ordinals of their columns' names, looked up once: there are millions of them.</summary>
    static Func<NpgsqlDataReader, StoredEntry> ReadEntry(NpgsqlDataReader reader)
    {
        int id = reader.GetOrdinal("id"), seq = reader.GetOrdinal("seq"), at = reader.GetOrdinal("at"), actor = reader.GetOrdinal("actor"),
            kind = reader.GetOrdinal("kind"), payload = reader.GetOrdinal("payload"), prevHash = reader.GetOrdinal("prev_hash"), hash = reader.GetOrdinal("hash");
        return r => new StoredEntry(r.GetInt64(id), r.GetInt32(seq), r.GetFieldValue<DateTimeOffset>(at), r.GetString(actor), r.GetString(kind),
            r.GetString(payload), r.GetString(prevHash), r.GetString(hash));
    }

    /// <summary>Every parcel with its state now and whether it has a verdict; or the one parcel ($1), looked up.</summary>
    static string ParcelsSql(bool one, string collate) => one
        ? $"""
          SELECT x.parcel_id, x.import_id, {ParcelState.Of("x.parcel_id")} AS state,
                 EXISTS (SELECT 1 FROM parcel_status s WHERE s.parcel_id = x.parcel_id) AS evaluated
          FROM parcels x WHERE x.parcel_id = $1
          """
        : $"""
          SELECT st.parcel_id, st.import_id, st.state, s.parcel_id IS NOT NULL AS evaluated
          FROM ({ParcelState.AllSql}) st LEFT JOIN parcel_status s ON s.parcel_id = st.parcel_id
          ORDER BY st.parcel_id{collate}
          """;

    static string? First(params string?[] parcels)
    {
        string? first = null;
        foreach (var p in parcels)
            if (p is not null && (first is null || CodePointOrder.Compare(p, first) < 0))
                first = p;
        return first;
    }

    static async Task<HashSet<long>> IdsAsync(NpgsqlDataSource db, string sql, CancellationToken ct)
    {
        var ids = new HashSet<long>();
        await using var cmd = db.CreateCommand(sql);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            ids.Add(r.GetInt64(0));
        return ids;
    }

    static async Task<bool> UsesCodePointOrderAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT datcollate IN ('C', 'POSIX') FROM pg_database WHERE datname = current_database()");
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
