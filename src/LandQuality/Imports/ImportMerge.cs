using System.Data;
using LandQuality.Interchange;
using Npgsql;

namespace LandQuality.Imports;

/// <summary>Rows refused set-wide, and of the rest how many were new or changed.</summary>
readonly record struct MergeCounts(long Rejected, long Inserted, long Updated);

/// <summary>
/// Moves the staged rows into the land tables in one transaction: duplicates and orphans are
/// rejected by line first, then each table is upserted (into an empty table, loaded: there the
/// primary key finds the duplicates, see <see cref="FirstLoadAsync"/>). Parcels go first so that owners can be
/// checked against them. Every parcel created or changed gets an <c>imported</c> entry in its hash
/// chain in the same transaction (<see cref="ImportChangesSql"/>), and the import's own record —
/// its files' fingerprints and counts, status Completed — commits with the rows it brought, so a
/// crash after the merge can never leave rows attributed to an import that looks unfinished.
/// </summary>
static class ImportMerge
{
    public static async Task<IReadOnlyList<FileSummary>> RunAsync(NpgsqlConnection conn, long importId, string actor,
        IReadOnlyCollection<StagedFile> staged, IReadOnlyDictionary<string, RowHashes> hashes, IReadOnlyList<string> ownerless,
        ImportPhases phases, CancellationToken ct)
    {
        var files = staged.Select(s => s.FileName).ToHashSet();
        var result = new Dictionary<string, MergeCounts>();
        await using var tx = await conn.BeginTransactionAsync(ct);
        var watermark = await RowHashStore.WatermarkAsync(conn, ct);
        // Statistics of the keys the merge joins and groups on, and the row counts: those of the other columns (the
        // purposes' arrays, the geometry's long text) cost ten times as much to compute and steer no plan of the merge.
        await Exec(conn, "ANALYZE stage_parcels (line, parcel_id); ANALYZE stage_owners (line, parcel_id); ANALYZE stage_population (line, id_number)",
            importId, ct);
        await Exec(conn, ImportChangesSql.Create, importId, ct);
        phases.Mark("analyze staging");
        var (parcelsFirstLoaded, ownersFirstLoaded, startChains) = (false, false, false);
        // A re-import that staged a few rows: each statement must touch those rows only, by key. The planner, costing
        // a random page at four sequential ones, would otherwise hash a few thousand staged rows against a scan of a
        // whole land table (owners' surplus delete: 1.6 M rows read to delete none). Staging tables have no index and
        // are scanned all the same. Merge joins are off too: with no sequential scan, an anti-join of the staged owners
        // with parcels became a merge join over the whole primary key, where a probe per staged parcel reads a few pages.
        // The settings end before the history is written.
        var fewStaged = staged.All(s => s.FewStaged);
        if (fewStaged)
            await Exec(conn, "SET LOCAL enable_seqscan = off;\nSET LOCAL enable_mergejoin = off", importId, ct);

        if (files.Contains(InterchangeFiles.Parcels))
        {
            var rejectDuplicates = MergeSql.RejectDuplicates("stage_parcels", "parcel_id", InterchangeFiles.Parcels);
            if (await IsEmptyAsync(conn, "parcels", ct))
            {
                var rejected = await FirstLoadAsync(conn, tx, MergeSql.FirstLoadParcels, "pk_parcels", rejectDuplicates, importId, ct);
                phases.Mark("parcels: first load (insert, index, duplicates)");
                // Every parcel is new, and so is its chain unless a history outlived an emptied table. When the owners go
                // into an empty table too (or are not imported), nothing but the creations is noted: the entries are
                // read from the staging table, each starting its chain.
                startChains = (!files.Contains(InterchangeFiles.Owners) || await IsEmptyAsync(conn, "owners", ct))
                    && !(bool)(await Scalar(conn, ImportChangesSql.AnyStagedParcelHasChain, importId, ct))!;
                if (!startChains)
                {
                    await Exec(conn, ImportChangesSql.CreatedParcels, importId, ct);
                    phases.Mark("parcels: note created");
                }
                parcelsFirstLoaded = true;
                result[InterchangeFiles.Parcels] = new(rejected, await CountAsync(conn, "stage_parcels", ct), 0);
            }
            else
            {
                var rejected = await Exec(conn, rejectDuplicates, importId, ct);
                phases.Mark("parcels: reject duplicates");
                await Exec(conn, MergeSql.CreateTouched, importId, ct);
                var inserted = (long)(await Scalar(conn, ImportChangesSql.ChangedParcels(MergeSql.UpsertParcels), importId, ct))!;
                phases.Mark("parcels: upsert");
                await Exec(conn, MergeSql.MergeDetailsOfExistingParcels, importId, ct);
                phases.Mark("parcels: merge purposes, certificates");
                await Exec(conn, MergeSql.InsertDetailsOfNewParcels, importId, ct);
                phases.Mark("parcels: details of new parcels");
                var updated = (long)(await Scalar(conn, "SELECT count(*) FROM touched_parcels", importId, ct))!;
                result[InterchangeFiles.Parcels] = new(rejected, inserted, updated);
            }
        }
        if (files.Contains(InterchangeFiles.Owners))
        {
            var rejected = await Exec(conn, fewStaged ? MergeSql.RejectOrphanOwnersByKey : MergeSql.RejectOrphanOwners, importId, ct);
            phases.Mark("owners: reject orphans");
            if (await IsEmptyAsync(conn, "owners", ct))
            {
                await Exec(conn, MergeSql.FirstLoadOwners, importId, ct);
                phases.Mark("owners: first load (insert, index)");
                ownersFirstLoaded = true;
                // Owners of parcels this import created are part of their creation, not changes.
                if (!parcelsFirstLoaded)
                    await Exec(conn, ImportChangesSql.FirstLoadOwners, importId, ct);
                result[InterchangeFiles.Owners] = new(rejected, await CountAsync(conn, "stage_owners", ct), 0);
            }
            else
            {
                var (inserted, updated) = await Counts(conn, MergeSql.UpsertOwners, importId, ct);
                phases.Mark("owners: upsert");
                await Exec(conn, MergeSql.DeleteSurplusOwners, importId, ct);
                if (files.Contains(InterchangeFiles.Parcels))
                    await Exec(conn, MergeSql.DeleteOwnersOfOwnerlessParcels, importId, ct);
                phases.Mark("owners: delete surplus");
                result[InterchangeFiles.Owners] = new(rejected, inserted, updated);
            }
        }
        if (files.Contains(InterchangeFiles.Population))
        {
            var rejectDuplicates = MergeSql.RejectDuplicates("stage_population", "id_number", InterchangeFiles.Population);
            if (await IsEmptyAsync(conn, "population_records", ct))
            {
                var rejected = await FirstLoadAsync(conn, tx, MergeSql.FirstLoadPopulation, "pk_population_records", rejectDuplicates, importId, ct);
                phases.Mark("population: first load (duplicates)");
                result[InterchangeFiles.Population] = new(rejected, await CountAsync(conn, "stage_population", ct), 0);
            }
            else
            {
                var rejected = await Exec(conn, rejectDuplicates, importId, ct);
                phases.Mark("population: reject duplicates");
                var (inserted, updated) = await Counts(conn, MergeSql.UpsertPopulation, importId, ct);
                phases.Mark("population: upsert");
                result[InterchangeFiles.Population] = new(rejected, inserted, updated);
            }
        }
        if (fewStaged)
            await Exec(conn, "SET LOCAL enable_seqscan = on;\nSET LOCAL enable_mergejoin = on", importId, ct);
        var wholeTable = parcelsFirstLoaded || ownersFirstLoaded;
        // The states of a whole table are joined in key order: hashing a million aggregated owner lists spills to disk.
        if (wholeTable)
            await Exec(conn, "SET LOCAL enable_hashjoin = off", importId, ct);
        var at = Audit.AuditChain.Truncate(DateTimeOffset.UtcNow);
        if (startChains)
            await Audit.AuditChain.StartManyAsync(conn, ImportChangesSql.FirstEntries(), [new NpgsqlParameter<long> { TypedValue = importId }],
                at, actor, "imported", ct);
        else
        {
            await using var chain = new NpgsqlCommand(ImportChangesSql.AppendEntries(wholeTable), conn);
            chain.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
            chain.Parameters.Add(new NpgsqlParameter<string> { TypedValue = actor });
            chain.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "imported" });
            chain.Parameters.Add(new NpgsqlParameter<long> { TypedValue = importId });
            await chain.ExecuteNonQueryAsync(ct);
        }
        phases.Mark(startChains ? "hash chains: imported entries, new chains" : "hash chains: imported entries");
        if (wholeTable)
            await Exec(conn, "SET LOCAL enable_hashjoin = on", importId, ct);
        await SaveRowHashesAsync(conn, importId, watermark, files, hashes, ownerless, ct);
        phases.Mark("row hashes stored");
        var summaries = staged.Select(s =>
        {
            var m = result.GetValueOrDefault(s.FileName);
            var rejected = s.Rejected + m.Rejected;
            return new FileSummary(s.FileName, s.Read, s.Read - rejected, rejected, m.Inserted, m.Updated);
        }).ToList();
        await ImportLog.CompleteAsync(conn, importId, staged, summaries, ct);
        await tx.CommitAsync(ct);
        phases.Mark("import log, commit");
        return summaries;
    }

    /// <summary>
    /// Stores what the database now holds for each file's keys, in the merge's transaction. Owner rows the merge
    /// refused (their parcel exists nowhere) or deleted (the parcel has no owner rows any more) are not held.
    /// </summary>
    static async Task SaveRowHashesAsync(NpgsqlConnection conn, long importId, long watermark, HashSet<string> files,
        IReadOnlyDictionary<string, RowHashes> hashes, IReadOnlyList<string> ownerless, CancellationToken ct)
    {
        if (hashes.GetValueOrDefault(InterchangeFiles.Owners) is { } owners)
        {
            await using (var cmd = new NpgsqlCommand("SELECT parcel_id FROM orphan_parcels", conn))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                    owners.Remove(RowHashes.KeyOf(reader.GetString(0)));
            foreach (var parcelId in ownerless)
                owners.Remove(RowHashes.KeyOf(parcelId));
        }
        foreach (var file in files)
            await RowHashStore.SaveAsync(conn, file, importId, watermark, hashes[file], ct);
    }

    /// <summary>
    /// A first load into an empty table, whose primary key <paramref name="primaryKey"/> refuses duplicate keys
    /// instead of a grouping of every staged row beforehand: files rarely hold any, and that grouping cost a
    /// second or more per million rows. When the key does refuse one, the load is undone to its savepoint, the
    /// duplicates are rejected by line as in any import (<paramref name="rejectDuplicates"/>), and the load runs
    /// again. Returns the rows rejected.
    /// </summary>
    static async Task<long> FirstLoadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string load, string primaryKey,
        string rejectDuplicates, long importId, CancellationToken ct)
    {
        await tx.SaveAsync("first_load", ct);
        try
        {
            await Exec(conn, load, importId, ct);
            await tx.ReleaseAsync("first_load", ct);
            return 0;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == primaryKey)
        {
            await tx.RollbackAsync("first_load", ct);
            var rejected = await Exec(conn, rejectDuplicates, importId, ct);
            await Exec(conn, load, importId, ct);
            return rejected;
        }
    }

    /// <summary>Runs each statement of <paramref name="sql"/> (one per line-ending ';'); returns the rows the last one affected.</summary>
    static async Task<long> Exec(NpgsqlConnection conn, string sql, long importId, CancellationToken ct)
    {
        long affected = 0;
        foreach (var statement in sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var cmd = new NpgsqlCommand(statement.TrimEnd(';'), conn);
            if (statement.Contains("$1", StringComparison.Ordinal))
                cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = importId });
            affected = await cmd.ExecuteNonQueryAsync(ct);
        }
        return affected;
    }

    static async Task<bool> IsEmptyAsync(NpgsqlConnection conn, string table, CancellationToken ct) =>
        (bool)(await Scalar(conn, $"SELECT NOT EXISTS (SELECT 1 FROM {table})", 0, ct))!;

    static async Task<long> CountAsync(NpgsqlConnection conn, string table, CancellationToken ct) =>
        (long)(await Scalar(conn, $"SELECT count(*) FROM {table}", 0, ct))!;

    static async Task<object?> Scalar(NpgsqlConnection conn, string sql, long importId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        if (sql.Contains("$1", StringComparison.Ordinal))
            cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = importId });
        return await cmd.ExecuteScalarAsync(ct);
    }

    static async Task<(long Inserted, long Updated)> Counts(NpgsqlConnection conn, string sql, long importId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { Parameters = { new NpgsqlParameter<long> { TypedValue = importId } } };
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64("inserted"), reader.GetInt64("updated"));
    }
}
