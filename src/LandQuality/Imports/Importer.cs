using System.Diagnostics;
using System.Text;
using LandQuality.Data;
using LandQuality.Interchange;
using Npgsql;

namespace LandQuality.Imports;

/// <summary>
/// <c>lq import DIR</c>: streams parcels.csv, owners.csv and population.csv (whichever are present)
/// into PostgreSQL. Rows are parsed once, binary-COPied into session-private staging tables, then
/// merged set-wise into the land tables in one transaction — memory stays bounded whatever the file
/// size, and a failed merge leaves the database as it was. A malformed row never stops the rest: it
/// goes to import_rejects with file, line, column and reason.
/// </summary>
public sealed class Importer(Database database)
{
    static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public async Task<ImportSummary> RunAsync(string directory, string importedBy, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var files = new[] { InterchangeFiles.Parcels, InterchangeFiles.Owners, InterchangeFiles.Population }
            .Select(name => Path.Combine(directory, name)).Where(File.Exists).ToList();
        if (files.Count == 0)
            throw new InterchangeFormatException(
                $"{directory}: none of {InterchangeFiles.Parcels}, {InterchangeFiles.Owners}, {InterchangeFiles.Population} is there.");
        var totalBytes = files.Sum(f => new FileInfo(f).Length);

        await JobLease.MarkAbandonedAsync(database.DataSource, ct);
        await using var lease = await JobLease.ReserveAsync(database.DataSource, JobLease.Kind.Import, "imports", ct);
        var importId = lease.Id;
        await ImportLog.StartAsync(database.DataSource, importId, importedBy, Path.GetFullPath(directory), ct);
        try
        {
            await using var conn = await database.DataSource.OpenConnectionAsync(ct);
            // Staging tables are temporary: give them room in memory before the session first touches one.
            await Exec(conn, "SET temp_buffers = '1GB'", ct);
            await Exec(conn, StagingTables.CreateSql, ct);

            var staged = new Dictionary<string, StagedFile>();
            long bytesBefore = 0;
            await using (var rejects = new RejectSink(database.DataSource, importId))
            {
                foreach (var path in files)
                {
                    var name = Path.GetFileName(path);
                    var before = bytesBefore;
                    staged[name] = await StageFileAsync(conn, path, name, rejects,
                        read => progress?.Report(new ImportProgress(name, before + read, totalBytes)), ct);
                    bytesBefore += new FileInfo(path).Length;
                }
            }
            var summaries = await ImportMerge.RunAsync(conn, importId, importedBy, staged.Values, ct);
            // The import has committed, complete: a vacuum that fails or is interrupted costs only speed.
            string? warning = null;
            try
            {
                // Only a table's owner may vacuum it: the owner's connection, when the application works as a role of its own.
                await using var owner = await database.Owner.OpenConnectionAsync(ct);
                await VacuumAsync(owner, staged.Keys, ct);
            }
            catch (NpgsqlException e)
            {
                warning = $"Không dọn được bảng sau khi nhập ({e.Message}); autovacuum sẽ làm sau. / The tables were not vacuumed after the import; autovacuum will do it later.";
            }
            return new ImportSummary(importId, summaries, null, clock.Elapsed, warning);
        }
        catch (Exception e)
        {
            // The database may be what failed: then the import cannot be marked Failed, and the cause must still propagate.
            await JobFailure.RecordAsync(e, () => ImportLog.FailAsync(database.DataSource, importId, e.Message));
            throw;
        }
    }

    async Task<StagedFile> StageFileAsync(NpgsqlConnection conn, string path, string name, RejectSink rejects,
        Action<long> onBytes, CancellationToken ct)
    {
        long read = 0, rejected = 0;
        var lastReport = 0L;
        await using var hashing = new HashingReadStream(File.OpenRead(path), position =>
        {
            if (position - lastReport < 1 << 20)
                return;
            lastReport = position;
            onBytes(position);
        });
        using var text = new StreamReader(hashing, Utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var csv = new CsvRecordReader(text);
        if (!csv.TryRead(out var headerRecord, out var headerError) || headerError is not null)
            throw new InterchangeFormatException($"{name}: line 1: {headerError?.Reason ?? "the file is empty; a header row is required"}.");

        var header = CsvHeader.Parse(headerRecord!.Fields, RequiredColumns(name), name);
        var stage = StageWriter.For(name, header);
        await using (var copy = await conn.BeginBinaryImportAsync(stage.CopySql, ct))
        {
            while (csv.TryRead(out var record, out var error))
            {
                read++;
                if (error is null && record!.RawText.Contains('\uFFFD', StringComparison.Ordinal))
                    error = new RowError(record.FirstLine, null, "the row is not valid UTF-8");
                if (error is null)
                    error = RecordLimits.Check(record!, header);
                error ??= stage.Write(copy, record!);
                if (error is null)
                    continue;
                rejected++;
                await rejects.AddAsync(name, error.Line, error.Column, error.Reason, record?.RawText, ct);
            }
            await copy.CompleteAsync(ct);
        }
        onBytes(hashing.Position);
        return new StagedFile(name, read, rejected, hashing.Sha256Hex(), new FileInfo(path).Length);
    }

    static string[] RequiredColumns(string name) => name switch
    {
        InterchangeFiles.Parcels => InterchangeFiles.ParcelColumns,
        InterchangeFiles.Owners => InterchangeFiles.OwnerColumns,
        _ => InterchangeFiles.PopulationColumns,
    };

    /// <summary>
    /// Vacuums and analyses the tables the merge wrote, once it has committed. Freshly written rows have
    /// no hint bits and no visibility-map bits yet, and the planner no statistics for them: otherwise
    /// autovacuum does that work later, at the same time as whatever runs next, and the names-per-ID
    /// count, an index-only scan, visits the heap for every row until the visibility map is set. The
    /// vacuum costs far less than the slower first evaluation it saves.
    /// </summary>
    static async Task VacuumAsync(NpgsqlConnection conn, IEnumerable<string> mergedFiles, CancellationToken ct)
    {
        var tables = mergedFiles.SelectMany(file => file switch
        {
            InterchangeFiles.Parcels => ["parcels", "certificates", "parcel_purposes"],
            InterchangeFiles.Owners => ["owners"],
            InterchangeFiles.Population => (string[])["population_records"],
            _ => [],
        }).ToList();
        if (tables.Count > 0)
            await Exec(conn, $"VACUUM (ANALYZE) {string.Join(", ", tables)}", ct);
    }

    static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>One file after staging: rows read and refused while parsing, and its fingerprint.</summary>
sealed record StagedFile(string FileName, long Read, long Rejected, string Sha256, long Bytes);
