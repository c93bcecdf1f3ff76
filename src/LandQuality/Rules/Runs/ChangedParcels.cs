using LandQuality.Data;
using LandQuality.Reference;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Versions;
using Npgsql;

namespace LandQuality.Rules.Runs;

/// <summary>
/// <c>lq evaluate --changed</c>: the parcels whose facts may have changed since the last completed run of the
/// published version, and the set-wide facts those parcels need, read for them alone. A parcel's facts are its own
/// rows, its owners' registry records, how many live parcels share its key and how many names each of its owners'
/// ID numbers carries; the triggers of migration FactChanges note every change to any of those as a parcel id, an
/// ID number or a key, and here each is widened to the parcels it reaches: an ID number to every parcel with an
/// owner holding it, a key to every parcel on it. Every other parcel would get from a full run exactly the findings
/// and verdict it holds, so leaving it alone gives the same results as the full run, which the property test
/// (IncrementalEvaluationTests) checks.
/// </summary>
/// <remarks>
/// What it cannot see: a rule that judges dates against the run's day ("nothing in the future") can change its
/// answer for an unchanged parcel when the day changes; a full run now and then catches those up.
/// </remarks>
public static class ChangedParcels
{
    /// <summary>The run an incremental run continues from, or why it must be a full run instead.</summary>
    public readonly record struct Base(long? RunId, string? FullRunReason);

    /// <summary>
    /// The run a <c>--changed</c> request continues from, or why it must evaluate everything. Only the published
    /// version of the rule set in force keeps the verdicts an incremental run brings up to date.
    /// </summary>
    public static async Task<Base> FindBaseAsync(Database database, EvaluationRequest request, CancellationToken ct)
    {
        if (request.Version is not null || request.CommuneCode is not null || request.ResumeRunId is not null)
            throw new InvalidOperationException("--changed evaluates the published version over what changed; leave out --version, --commune and --resume.");
        var version = await RunLog.ResolveVersionAsync(database, request, ct);
        if (!RunLog.SetsVerdicts(version))
            throw new InvalidOperationException(
                $"--changed keeps the verdicts of the rule set in force ({RunLog.RuleSetInForce}) up to date; {version.RuleSet} sets none.");
        return await FindBaseAsync(database.Batch, version, ct);
    }

    /// <summary>
    /// The last completed run of <paramref name="version"/> that recorded a watermark; a full run is needed when there
    /// is none, when it ran under another version (a new one was published since) or other reference data.
    /// </summary>
    public static async Task<Base> FindBaseAsync(NpgsqlDataSource db, RuleSetVersion version, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT r.id, r.rule_set_version_id, w.reference_version, v.version,
                   EXISTS (SELECT 1 FROM fact_changes c WHERE c.reference AND c.xid >= pg_snapshot_xmin(w.snapshot)
                           AND NOT pg_visible_in_snapshot(c.xid, w.snapshot)) AS reference_changed
            FROM evaluation_runs r JOIN evaluation_run_watermarks w ON w.run_id = r.id JOIN rule_set_versions v ON v.id = r.rule_set_version_id
            WHERE r.status = 'Completed' AND r.sets_verdicts
            ORDER BY r.id DESC LIMIT 1
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
            return new Base(null, "no completed run of the published version has recorded what it saw yet");
        var (runId, versionId, reference, baseVersion, referenceChanged) =
            (r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt32(3), r.GetBoolean(4));
        if (versionId != version.Id)
            return new Base(null, $"{version.RuleSet} v{version.Version} was published after the last completed run (#{runId}, v{baseVersion})");
        if (reference != ReferenceData.CurrentVersion || referenceChanged)
            return new Base(null, $"the reference data (communes, land-use codes) changed since run #{runId}");
        return new Base(runId, null);
    }

    /// <summary>
    /// The snapshot a run of everything (or of what changed) starts from: the next incremental run takes the changes
    /// it could not see. Taken before the run reads anything, so whatever a read of this run may have missed is
    /// after it. A resumed run keeps the snapshot it started with.
    /// </summary>
    public static async Task RecordWatermarkAsync(NpgsqlDataSource db, long runId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO evaluation_run_watermarks (run_id, snapshot, reference_version) VALUES ($1, pg_current_snapshot(), $2)
            ON CONFLICT (run_id) DO NOTHING
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = runId });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ReferenceData.CurrentVersion });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// After a run completed: the changes every later run's snapshot sees are no longer needed (the next run starts
    /// from this one or a later one).
    /// </summary>
    public static async Task PruneAsync(NpgsqlDataSource db, long runId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "DELETE FROM fact_changes WHERE xid < (SELECT pg_snapshot_xmin(snapshot) FROM evaluation_run_watermarks WHERE run_id = $1)");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = runId });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The changed parcels (in no particular order; the reader sorts) and the set-wide facts they need.</summary>
    public sealed record Scope(string[] ParcelIds, SetWideFacts SetWide);

    /// <summary>The changes <paramref name="baseRunId"/>'s snapshot could not see, widened to the parcels they reach.</summary>
    public static async Task<Scope> LoadAsync(NpgsqlDataSource db, long baseRunId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await KeyProbes.BeginAsync(conn, ct);
        var ids = await ParcelIdsAsync(conn, tx, baseRunId, ct);
        // The counts the full run takes over the whole set, for these parcels' keys and ID numbers only, and their
        // registry records: three reads at once, on three connections, as soon as each has what it needs (the
        // server has two cores; the client only waits).
        var keys = Task.Run(() => OnItsOwnAsync(db, (c, t) => CrossRecordFacts.SharedKeysOfAsync(c, t, ids, ct), ct), ct);
        // The owners' ID numbers once, for both the registry and the names: each of those statements found them
        // again through the owners' primary key, a probe per parcel.
        var idNumbers = await IdNumbersAsync(conn, tx, ids, ct);
        var registry = Task.Run(() => OnItsOwnAsync(db, (c, t) => RegistryMatches.LoadForIdNumbersAsync(c, t, idNumbers, ct), ct), ct);
        var names = await CrossRecordFacts.NamesPerIdOfAsync(conn, tx, idNumbers, ct);
        return new Scope(ids, new SetWideFacts(new CrossRecordFacts(await keys, names), await registry));
    }

    static async Task<T> OnItsOwnAsync<T>(NpgsqlDataSource db, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> read, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await KeyProbes.BeginAsync(conn, ct);
        return await read(conn, tx);
    }

    /// <summary>The ID numbers the owners of <paramref name="parcelIds"/> hold, each once.</summary>
    static async Task<string[]> IdNumbersAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string[] parcelIds, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT DISTINCT o.id_number FROM owners o WHERE o.parcel_id = ANY($1) AND o.id_number IS NOT NULL", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = parcelIds });
        var numbers = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            numbers.Add(r.GetString(0));
        return [.. numbers];
    }

    static async Task<string[]> ParcelIdsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long baseRunId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            WITH w AS (SELECT snapshot FROM evaluation_run_watermarks WHERE run_id = $1),
            c AS (SELECT f.* FROM fact_changes f, w WHERE f.xid >= pg_snapshot_xmin(w.snapshot) AND NOT pg_visible_in_snapshot(f.xid, w.snapshot)),
            ids AS (SELECT DISTINCT id_number FROM c WHERE id_number IS NOT NULL),
            keys AS (SELECT DISTINCT commune_code, map_sheet, parcel_no FROM c WHERE map_sheet IS NOT NULL AND parcel_no IS NOT NULL)
            SELECT parcel_id FROM c WHERE parcel_id IS NOT NULL
            UNION SELECT o.parcel_id FROM owners o JOIN ids ON ids.id_number = o.id_number
            UNION SELECT p.parcel_id FROM parcels p JOIN keys k
                ON p.commune_code = k.commune_code AND p.map_sheet = k.map_sheet AND p.parcel_no = k.parcel_no
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = baseRunId });
        var ids = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            ids.Add(r.GetString(0));
        return [.. ids];
    }
}
