using System.Diagnostics;
using LandQuality.Data;
using LandQuality.Rules.Runs;
using Npgsql;

namespace LandQuality.Benchmarks;

/// <param name="Synced">Parcels the daily sync touched (1 %), and how many of each kind of change.</param>
/// <param name="Evaluated">Parcels the incremental run evaluated: the synced ones and those they reach (same owner's ID number, same key).</param>
/// <param name="VerdictsChangedByFullRun">Verdicts the full run after the incremental one still changed: 0 when both give the same results.</param>
public sealed record IncrementalBenchmarkResult(long Synced, string Mix, long Evaluated, double IncrementalSeconds, string IncrementalTimings,
    long FullParcels, double FullSeconds, long VerdictsChangedByFullRun, long UndoneEvaluated, double UndoneSeconds)
{
    public double Ratio => IncrementalSeconds / FullSeconds;
}

/// <summary>
/// (e) <c>lq evaluate --changed</c> after a daily sync: 1 % of the parcels change (their fields, owners added, removed
/// and renamed, certificates, purposes, deaths in the population registry, parcels renumbered onto or off a shared
/// key), then the incremental run and a full run over the same data, side by side. The full run also checks the
/// incremental one: it must change no verdict. The sync is then undone from the copies of the rows it changed, and
/// evaluated the same way, so the shared database ends as it began, its verdicts matching its data; a bench that died
/// half-way leaves the copies behind, and the next run undoes them before anything else.
/// </summary>
public static class IncrementalBenchmark
{
    /// <summary>The synced parcels, picked by a hash of their id: the same ones every run.</summary>
    const string Picked = "retired_at IS NULL AND abs(hashtext(parcel_id)) % 100 = 42";

    public static async Task<IncrementalBenchmarkResult> RunAsync(Database database, Action<string> log, CancellationToken ct)
    {
        await BenchDatabase.RequireOwnAsync(database.Batch, ct);
        var db = database.Batch;
        await UndoAsync(db, ct); // a run that died before undoing its sync
        var runner = new EvaluationRunner(database);
        // Untimed: whatever changed before this bench (or a full run, when none has recorded what it saw) is evaluated first.
        var before = await runner.RunAsync(new EvaluationRequest("bench", ChangedOnly: true), null, ct);
        log($"(e) starting point: run #{before.RunId}, {before.Note}, {before.ParcelsEvaluated:N0} parcels");

        var (synced, mix) = await SyncAsync(db, ct);
        log($"(e) daily sync: {synced:N0} parcels changed ({mix})");
        try
        {
            await VacuumAsync(db, ct);
            var clock = Stopwatch.StartNew();
            var incremental = await runner.RunAsync(new EvaluationRequest("bench", ChangedOnly: true), null, ct);
            var incrementalSeconds = clock.Elapsed.TotalSeconds;
            var timings = runner.LastTimings is { } t
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{t}; its stages done at {t.TotalSeconds:F2} s, then the run closed (counts, dashboard figures, summary)")
                : "";
            log($"(e) incremental: {incremental.ParcelsEvaluated:N0} parcels in {incrementalSeconds:F2} s ({incremental.Note}); {timings}");
            if (incremental.Scope == "all")
                throw new InvalidOperationException($"The incremental run evaluated everything instead: {incremental.Note}.");

            await VacuumAsync(db, ct);
            clock.Restart();
            var full = await runner.RunAsync(new EvaluationRequest("bench"), null, ct);
            var fullSeconds = clock.Elapsed.TotalSeconds;
            var changed = await ScalarAsync(db,
                $"SELECT count(*) FROM audit_events WHERE kind = 'evaluated' AND payload::jsonb->>'evaluation_run' = '{full.RunId}'", ct);
            log($"(e) full run on the same data: {full.ParcelsEvaluated:N0} parcels in {fullSeconds:F1} s, {changed:N0} verdicts it changed");

            await UndoAsync(db, ct);
            await VacuumAsync(db, ct);
            clock.Restart();
            var undone = await runner.RunAsync(new EvaluationRequest("bench", ChangedOnly: true), null, ct);
            var undoneSeconds = clock.Elapsed.TotalSeconds;
            log($"(e) the sync undone, evaluated incrementally: {undone.ParcelsEvaluated:N0} parcels in {undoneSeconds:F2} s");
            return new IncrementalBenchmarkResult(synced, mix, incremental.ParcelsEvaluated, incrementalSeconds, timings,
                full.ParcelsEvaluated, fullSeconds, changed, undone.ParcelsEvaluated, undoneSeconds);
        }
        finally
        {
            await UndoAsync(db, CancellationToken.None);
        }
    }

    /// <summary>
    /// One transaction, as an import's merge: the rows about to change copied aside (<c>bench_sync_*</c>), then the
    /// changes, each kind on a tenth of the picked parcels or more (a second hash decides which).
    /// </summary>
    static async Task<(long Synced, string Mix)> SyncAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecAsync(conn, tx, $"""
            CREATE TABLE bench_sync_parcels AS SELECT parcel_id, abs(hashtext(parcel_id || '#')) % 20 AS kind FROM parcels WHERE {Picked};
            CREATE TABLE bench_sync_undo_parcels AS SELECT p.* FROM parcels p JOIN bench_sync_parcels s USING (parcel_id);
            CREATE TABLE bench_sync_undo_owners AS SELECT o.* FROM owners o JOIN bench_sync_parcels s USING (parcel_id);
            CREATE TABLE bench_sync_undo_certificates AS SELECT c.* FROM certificates c JOIN bench_sync_parcels s USING (parcel_id);
            CREATE TABLE bench_sync_undo_purposes AS SELECT x.* FROM parcel_purposes x JOIN bench_sync_parcels s USING (parcel_id);
            CREATE TABLE bench_sync_undo_population AS SELECT r.* FROM population_records r WHERE r.id_number IN (
                SELECT o.id_number FROM owners o JOIN bench_sync_parcels s USING (parcel_id) WHERE s.kind IN (17, 18) AND o.seq = 1);
            """, ct);
        var mix = new List<string>();
        async Task Change(string what, string sql) => mix.Add($"{what} {await ExecAsync(conn, tx, sql, ct):N0}");
        // Over half: the parcel's own fields re-surveyed (address, area, date); a few renumbered, onto a neighbour's key or off a shared one.
        await Change("parcel fields", """
            UPDATE parcels p SET address = coalesce(p.address, '') || ', tổ 5', updated_on = DATE '2026-12-01',
                area_m2 = CASE WHEN s.kind < 3 THEN round(p.area_m2 * 1.08, 2) ELSE p.area_m2 END,
                parcel_no = CASE WHEN s.kind = 0 AND abs(hashtext(p.parcel_id || '!')) % 4 = 0 THEN p.parcel_no + 1 ELSE p.parcel_no END
            FROM bench_sync_parcels s WHERE s.parcel_id = p.parcel_id AND (s.kind < 10 OR s.kind = 19)
            """);
        await Change("owner names re-spelled", """
            UPDATE owners o SET full_name = o.full_name || ' Văn' FROM bench_sync_parcels s WHERE s.parcel_id = o.parcel_id AND s.kind IN (10, 11) AND o.seq = 1
            """);
        await Change("owners removed", """
            DELETE FROM owners o USING bench_sync_parcels s WHERE s.parcel_id = o.parcel_id AND s.kind = 12
              AND o.seq > 1 AND o.seq = (SELECT max(seq) FROM owners x WHERE x.parcel_id = o.parcel_id)
            """);
        await Change("owners added", """
            INSERT INTO owners (parcel_id, seq, full_name, birth_date, birth_year, gender, id_number, share, import_id)
            SELECT s.parcel_id, coalesce((SELECT max(seq) FROM owners x WHERE x.parcel_id = s.parcel_id), 0) + 1,
                   r.full_name, r.birth_date, extract(year FROM r.birth_date)::int, r.gender, r.id_number, NULL, r.import_id
            FROM bench_sync_parcels s CROSS JOIN LATERAL (
                SELECT * FROM population_records WHERE id_number >= lpad((abs(hashtext(s.parcel_id)) % 1000000000000)::text, 12, '0')
                ORDER BY id_number LIMIT 1) r
            WHERE s.kind = 13
            """);
        await Change("certificates", """
            UPDATE certificates c SET issued_on = c.issued_on + 30, serial = CASE WHEN s.kind = 14 THEN NULL ELSE c.serial END
            FROM bench_sync_parcels s WHERE s.parcel_id = c.parcel_id AND s.kind IN (14, 15)
            """);
        await Change("purposes", """
            UPDATE parcel_purposes x SET area_m2 = x.area_m2 + 12 FROM bench_sync_parcels s WHERE s.parcel_id = x.parcel_id AND s.kind = 16 AND x.seq = 1
            """);
        // The registry's deaths and new names reach every parcel of those owners, synced or not.
        await Change("registry deaths and names", """
            UPDATE population_records r SET status = CASE WHEN abs(hashtext(r.id_number)) % 2 = 0 THEN 'deceased' ELSE r.status END,
                full_name = CASE WHEN abs(hashtext(r.id_number)) % 2 = 1 THEN r.full_name || ' Thị' ELSE r.full_name END
            FROM bench_sync_undo_population u WHERE u.id_number = r.id_number
            """);
        var synced = await ScalarAsync(conn, tx, "SELECT count(*) FROM bench_sync_parcels", ct);
        await tx.CommitAsync(ct);
        return (synced, string.Join(", ", mix));
    }

    /// <summary>The rows the sync changed, put back from their copies, and the copies dropped, in one transaction; nothing when there are none.</summary>
    static async Task UndoAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await ScalarAsync(conn, tx, "SELECT count(*) FROM pg_tables WHERE tablename = 'bench_sync_parcels' AND schemaname = current_schema()", ct) == 0)
            return;
        await ExecAsync(conn, tx, """
            UPDATE parcels p SET address = u.address, updated_on = u.updated_on, area_m2 = u.area_m2, parcel_no = u.parcel_no
            FROM bench_sync_undo_parcels u WHERE u.parcel_id = p.parcel_id
              AND (p.address, p.updated_on, p.area_m2, p.parcel_no) IS DISTINCT FROM (u.address, u.updated_on, u.area_m2, u.parcel_no);
            DELETE FROM owners o USING bench_sync_parcels s WHERE s.parcel_id = o.parcel_id AND s.kind BETWEEN 10 AND 13;
            INSERT INTO owners SELECT u.* FROM bench_sync_undo_owners u JOIN bench_sync_parcels s USING (parcel_id) WHERE s.kind BETWEEN 10 AND 13;
            UPDATE certificates c SET issued_on = u.issued_on, serial = u.serial FROM bench_sync_undo_certificates u
            WHERE u.parcel_id = c.parcel_id AND (c.issued_on, c.serial) IS DISTINCT FROM (u.issued_on, u.serial);
            UPDATE parcel_purposes x SET area_m2 = u.area_m2 FROM bench_sync_undo_purposes u
            WHERE u.parcel_id = x.parcel_id AND u.seq = x.seq AND x.area_m2 IS DISTINCT FROM u.area_m2;
            UPDATE population_records r SET status = u.status, full_name = u.full_name FROM bench_sync_undo_population u
            WHERE u.id_number = r.id_number AND (r.status, r.full_name) IS DISTINCT FROM (u.status, u.full_name);
            DROP TABLE bench_sync_parcels, bench_sync_undo_parcels, bench_sync_undo_owners, bench_sync_undo_certificates,
                bench_sync_undo_purposes, bench_sync_undo_population;
            """, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Untimed before each measured run: the sync and the runs before leave dead rows that autovacuum would otherwise clean up during it.</summary>
    static async Task VacuumAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var vacuum = db.CreateCommand("VACUUM (ANALYZE) findings, parcel_status, parcels, owners, population_records, fact_changes");
        await vacuum.ExecuteNonQueryAsync(ct);
    }

    static async Task<int> ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    static async Task<long> ScalarAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
