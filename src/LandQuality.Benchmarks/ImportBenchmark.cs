using System.Diagnostics;
using System.Globalization;
using LandQuality.Data;
using LandQuality.Imports;
using LandQuality.Interchange;
using Npgsql;

namespace LandQuality.Benchmarks;

/// <summary>Seconds for each way of loading the same files, and the import's own counts.</summary>
public sealed record ImportBenchmarkResult(long Parcels, long Owners, long Population, double RawCopySeconds,
    double FirstImportSeconds, double ReimportSeconds, long PeakWorkingSetBytes)
{
    public double FirstImportRatio => FirstImportSeconds / RawCopySeconds;
    public double ReimportRatio => ReimportSeconds / RawCopySeconds;
}

/// <summary>
/// <c>lq bench import</c>: the same three files loaded (a) by a raw server-side CSV COPY into
/// unindexed text tables — the physical floor, which checks nothing — and (b) by <see cref="Importer"/>
/// into an empty land model, then (c) again, as an idempotent re-import. One run, one database.
/// </summary>
public static class ImportBenchmark
{
    const string BenchDatabaseName = "lq_bench_import";

    public static async Task<ImportBenchmarkResult> RunAsync(string serverConnection, string dataDir, Action<string> log, CancellationToken ct)
    {
        var cs = await BenchDatabase.RecreateAsync(serverConnection, BenchDatabaseName, ct);
        var raw = await RawCopyAsync(cs, dataDir, ct);
        log($"raw COPY: {raw:F1} s");

        await using var database = await Database.OpenAsync(cs, localRoot: "unused", keepLocalRunning: false, ct);
        var clock = Stopwatch.StartNew();
        var first = await new Importer(database).RunAsync(dataDir, "bench", null, ct);
        var firstSeconds = clock.Elapsed.TotalSeconds;
        log($"first import: {firstSeconds:F1} s");
        clock.Restart();
        await new Importer(database).RunAsync(dataDir, "bench", null, ct);
        var again = clock.Elapsed.TotalSeconds;
        log($"re-import: {again:F1} s");

        long Loaded(string file) => first.Files.Single(f => f.FileName == file).RowsLoaded;
        return new ImportBenchmarkResult(Loaded(InterchangeFiles.Parcels), Loaded(InterchangeFiles.Owners),
            Loaded(InterchangeFiles.Population), raw, firstSeconds, again, Process.GetCurrentProcess().PeakWorkingSet64);
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
            await using (var create = new NpgsqlCommand($"CREATE TABLE {table} ({string.Join(", ", columns.Select(c => c + " text"))})", conn))
                await create.ExecuteNonQueryAsync(ct);
            // The file's text goes to the server as it is; the server parses the CSV (and checks nothing).
            await using var copy = await conn.BeginTextImportAsync($"COPY {table} FROM STDIN (FORMAT csv, HEADER true)", ct);
            using var source = new StreamReader(Path.Combine(dataDir, file));
            var buffer = new char[1 << 16];
            int n;
            while ((n = await source.ReadAsync(buffer, ct)) > 0)
                await copy.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        return clock.Elapsed.TotalSeconds;
    }

    public static string ToMarkdown(ImportBenchmarkResult r, string command) => string.Create(CultureInfo.InvariantCulture, $"""
        ## Import (`{command}`)

        {r.Parcels:N0} parcels, {r.Owners:N0} owners, {r.Population:N0} registry records (generated Huế data), measured {DateTime.UtcNow:yyyy-MM-dd}.

        | load | seconds | × raw COPY |
        |---|---:|---:|
        | raw server-side CSV `COPY` into unindexed text tables (no checks; the floor) | {r.RawCopySeconds:F1} | 1.00 |
        | `lq import` into the empty land model (parse, validate, binary COPY, merge, indexes) | {r.FirstImportSeconds:F1} | {r.FirstImportRatio:F2} |
        | `lq import` of the same files again (idempotent: nothing rewritten) | {r.ReimportSeconds:F1} | {r.ReimportRatio:F2} |

        Peak working set of the importing process: {r.PeakWorkingSetBytes / 1048576.0:F0} MiB (memory stays bounded: rows stream through COPY).
        Goal: within 2× of raw COPY.
        """);
}
