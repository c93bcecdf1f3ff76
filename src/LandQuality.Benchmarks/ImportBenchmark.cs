using System.Diagnostics;
using LandQuality.Data;
using LandQuality.Imports;
using LandQuality.Interchange;
using Npgsql;

namespace LandQuality.Benchmarks;

/// <summary>One import of the benchmark beside the raw COPY of the same files, measured just before it.</summary>
public sealed record ImportRun(string Name, double RawCopySeconds, double Seconds, long Inserted, long Updated, long HistoryEntries,
    IReadOnlyList<ImportPhase> Phases)
{
    public double Ratio => Seconds / RawCopySeconds;
}

/// <summary>The three imports of one benchmark run, the files' counts and the importing process's peak working set.</summary>
public sealed record ImportBenchmarkResult(long Parcels, long Owners, long Population, ImportRun First, ImportRun Unchanged,
    ImportRun Changed, ChangedFiles ChangedFiles, long PeakWorkingSetBytes);

/// <summary>
/// <c>lq bench import</c>: the same files loaded (a) by a raw server-side CSV COPY into unindexed text
/// tables — the physical floor, which checks nothing — and (b) by <see cref="Importer"/>: into an empty
/// land model, then the same files again (nothing changed), then a copy of them with 1 % of the rows
/// changed (<see cref="ChangedFiles"/>). Each import is set beside a raw COPY of its own files run just
/// before it, so both meet the same load of the shared machine. One run, one database.
/// </summary>
public static partial class ImportBenchmark
{
    /// <summary>The benchmark's database; LQ_BENCH_IMPORT_DATABASE names another, so that two checkouts on one server do not share it.</summary>
    static string BenchDatabaseName => Environment.GetEnvironmentVariable("LQ_BENCH_IMPORT_DATABASE") is { Length: > 0 } name ? name : "lq_bench_import";

    public static async Task<ImportBenchmarkResult> RunAsync(string serverConnection, string dataDir, Action<string> log, CancellationToken ct)
    {
        var cs = await BenchDatabase.RecreateAsync(serverConnection, BenchDatabaseName, ct);
        var changedDir = dataDir.TrimEnd(Path.DirectorySeparatorChar) + "-changed-1pct";
        var changed = ChangedFiles.Write(dataDir, changedDir);
        log($"1 % changed copy in {changedDir}: {changed.Parcels:N0} parcel rows, {changed.Owners:N0} owner rows, {changed.Population:N0} registry rows changed");

        await using var database = await Database.OpenAsync(cs, localRoot: "unused", keepLocalRunning: false, ct);
        var first = await RunOnceAsync(database, cs, "first import", dataDir, log, ct);
        var unchanged = await RunOnceAsync(database, cs, "re-import, nothing changed", dataDir, log, ct);
        var changedRun = await RunOnceAsync(database, cs, "re-import, 1 % changed", changedDir, log, ct);

        long Loaded(string file) => first.Summary.Files.Single(f => f.FileName == file).RowsLoaded;
        return new ImportBenchmarkResult(Loaded(InterchangeFiles.Parcels), Loaded(InterchangeFiles.Owners), Loaded(InterchangeFiles.Population),
            first.Run, unchanged.Run, changedRun.Run, changed, Process.GetCurrentProcess().PeakWorkingSet64);
    }

    /// <summary>
    /// Only the 1 %-changed re-import, to iterate on it in a minute instead of several: the database is copied from
    /// <c>NAME_base</c>, the state after a first import, which the first such run loads and later runs reuse (drop it when done).
    /// </summary>
    public static async Task RunReimportOnlyAsync(string serverConnection, string dataDir, Action<string> log, CancellationToken ct)
    {
        var baseName = BenchDatabaseName + "_base";
        if (!await BenchDatabase.ExistsOwnAsync(serverConnection, baseName, ct))
        {
            var baseCs = await BenchDatabase.RecreateAsync(serverConnection, baseName, ct);
            // Disposed (its pools closed) before the copy: a template must have no sessions.
            await using var baseDb = await Database.OpenAsync(baseCs, localRoot: "unused", keepLocalRunning: false, ct);
            await RunOnceAsync(baseDb, baseCs, $"first import (kept as {baseName})", dataDir, log, ct);
        }
        var changedDir = dataDir.TrimEnd(Path.DirectorySeparatorChar) + "-changed-1pct";
        ChangedFiles.Write(dataDir, changedDir);
        var cs = await BenchDatabase.CopyAsync(serverConnection, baseName, BenchDatabaseName, ct);
        await using var database = await Database.OpenAsync(cs, localRoot: "unused", keepLocalRunning: false, ct);
        await RunOnceAsync(database, cs, "re-import, 1 % changed", changedDir, log, ct);
        LogPeakWorkingSet(log);
    }

    /// <summary>The first import alone, for quicker iterations, and the importing process's peak working set.</summary>
    public static async Task RunFirstAsync(string serverConnection, string dataDir, Action<string> log, CancellationToken ct)
    {
        var cs = await BenchDatabase.RecreateAsync(serverConnection, BenchDatabaseName, ct);
        await using var database = await Database.OpenAsync(cs, localRoot: "unused", keepLocalRunning: false, ct);
        await RunOnceAsync(database, cs, "first import", dataDir, log, ct);
        LogPeakWorkingSet(log);
    }

    static void LogPeakWorkingSet(Action<string> log) =>
        log($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB");

    static async Task<(ImportRun Run, ImportSummary Summary)> RunOnceAsync(Database database, string cs, string name, string dir,
        Action<string> log, CancellationToken ct)
    {
        var raw = await RawCopyAsync(cs, dir, ct);
        var entriesBefore = await HistoryEntriesAsync(database, ct);
        var clock = Stopwatch.StartNew();
        var summary = await new Importer(database).RunAsync(dir, "bench", null, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        var run = new ImportRun(name, raw, seconds, summary.Files.Sum(f => f.Inserted), summary.Files.Sum(f => f.Updated),
            await HistoryEntriesAsync(database, ct) - entriesBefore, summary.Phases);
        log($"{name}: raw COPY {raw:F1} s, import {seconds:F1} s ({run.Ratio:F2}×); {run.Inserted:N0} rows new, {run.Updated:N0} changed, {run.HistoryEntries:N0} history entries");
        foreach (var phase in summary.Phases)
            log($"    {phase.Name}: {phase.Seconds:F2} s");
        return (run, summary);
    }

    static async Task<long> HistoryEntriesAsync(Database database, CancellationToken ct)
    {
        await using var cmd = database.Batch.CreateCommand("SELECT count(*) FROM audit_events");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    static async Task<double> RawCopyAsync(string cs, string dataDir, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        var clock = Stopwatch.StartNew();
        foreach (var (file, columns) in new[]
        {
            (InterchangeFiles.Parcels, InterchangeFiles.ParcelColumns),
            (InterchangeFiles.Owners, InterchangeFiles.OwnerColumns),
            (InterchangeFiles.Population, InterchangeFiles.PopulationColumns),
        })
        {
            var table = "raw_" + Path.GetFileNameWithoutExtension(file);
            await using (var create = new NpgsqlCommand(
                $"DROP TABLE IF EXISTS {table}; CREATE TABLE {table} ({string.Join(", ", columns.Select(c => c + " text"))})", conn))
                await create.ExecuteNonQueryAsync(ct);
            // The file's text goes to the server as it is; the server parses the CSV (and checks nothing).
            await using var copy = await conn.BeginTextImportAsync($"COPY {table} FROM STDIN (FORMAT csv, HEADER true)", ct);
            using var source = new StreamReader(Path.Combine(dataDir, file));
            var buffer = new char[1 << 16];
            int n;
            while ((n = await source.ReadAsync(buffer, ct)) > 0)
                await copy.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        await using (var drop = new NpgsqlCommand("DROP TABLE raw_parcels, raw_owners, raw_population", conn))
            await drop.ExecuteNonQueryAsync(ct);
        return seconds;
    }
}
