using System.Diagnostics;
using LandQuality.Data;
using LandQuality.Interchange;
using Npgsql;

namespace LandQuality.Imports;

/// <summary>
/// <c>lq import DIR</c>: streams parcels.csv, owners.csv and population.csv (whichever are present)
/// into PostgreSQL. Rows are parsed once, and those new or changed since the last import (row hashes,
/// <see cref="RowHashes"/>) binary-COPied into session-private staging tables, then merged set-wise into
/// the land tables in one transaction — memory stays bounded by the number of keys whatever the file
/// size, and a failed merge leaves the database as it was. A malformed row never stops the rest: it
/// goes to import_rejects with file, line, column and reason.
/// </summary>
public sealed class Importer(Database database)
{
    public async Task<ImportSummary> RunAsync(string directory, string importedBy, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var phases = new ImportPhases();
        var files = new[] { InterchangeFiles.Parcels, InterchangeFiles.Owners, InterchangeFiles.Population }
            .Where(name => File.Exists(Path.Combine(directory, name))).ToList();
        if (files.Count == 0)
            throw new InterchangeFormatException(
                $"{directory}: none of {InterchangeFiles.Parcels}, {InterchangeFiles.Owners}, {InterchangeFiles.Population} is there.");
        var totalBytes = files.Sum(f => new FileInfo(Path.Combine(directory, f)).Length);

        await JobLease.MarkAbandonedAsync(database.Batch, ct);
        await using var lease = await JobLease.ReserveAsync(database.Batch, JobLease.Kind.Import, "imports", ct);
        var importId = lease.Id;
        await ImportLog.StartAsync(database.Batch, importId, importedBy, Path.GetFullPath(directory), ct);
        try
        {
            await using var conn = await database.Batch.OpenConnectionAsync(ct);
            // Staging tables are temporary: give them room in memory before the session first touches one.
            await Exec(conn, "SET temp_buffers = '1GB'", ct);
            await Exec(conn, StagingTables.CreateSql, ct);
            phases.Mark("start");
            var (hashes, corrected, ownersTrusted) = await LoadRowHashesAsync(conn, files, phases, ct);
            phases.Mark("corrections since the last import");

            var staged = new Dictionary<string, StagedFile>();
            long bytesBefore = 0;
            var stager = new FileStager(conn, new RejectSink(database.Batch, importId));
            await using (stager.Rejects)
            {
                // Owners first: parcels.csv then lists the parcels it holds that owners.csv no longer gives an owner.
                foreach (var name in files.OrderBy(f => f == InterchangeFiles.Owners ? 0 : 1))
                {
                    var path = Path.Combine(directory, name);
                    var before = bytesBefore;
                    var context = new StagingContext(hashes[name], name == InterchangeFiles.Population ? new HashSet<UInt128>() : corrected,
                        name == InterchangeFiles.Parcels ? hashes.GetValueOrDefault(InterchangeFiles.Owners) : null, ownersTrusted);
                    staged[name] = await stager.StageAsync(path, name, context,
                        read => progress?.Report(new ImportProgress(name, before + read, totalBytes)), ct);
                    bytesBefore += new FileInfo(path).Length;
                    phases.Mark($"parse + stage {name}");
                }
            }
            await StagingTables.WriteOwnerlessAsync(conn, stager.Ownerless, ct);
            phases.Mark("rejects flushed");
            var summaries = await ImportMerge.RunAsync(conn, importId, importedBy, files.Select(f => staged[f]).ToList(), hashes, stager.Ownerless, phases, ct);
            // The import has committed, complete: a vacuum that fails or is interrupted costs only speed.
            string? warning = null;
            try
            {
                // Only a table's owner may vacuum it: the owner's connection, when the application works as a role of its own.
                await using var owner = await database.Owner.OpenConnectionAsync(ct);
                await ImportVacuum.RunAsync(owner, staged.Values, phases, ct);
            }
            catch (NpgsqlException e)
            {
                warning = $"Không dọn được bảng sau khi nhập ({e.Message}); autovacuum sẽ làm sau. / The tables were not vacuumed after the import; autovacuum will do it later.";
            }
            return new ImportSummary(importId, summaries, null, clock.Elapsed, warning) { Phases = phases.All };
        }
        catch (Exception e)
        {
            // The database may be what failed: then the import cannot be marked Failed, and the cause must still propagate.
            await JobFailure.RecordAsync(e, () => ImportLog.FailAsync(database.Batch, importId, e.Message));
            throw;
        }
    }

    /// <summary>
    /// Each file's stored row hashes, the parcels corrected since (staged whatever their hash), and whether the
    /// owners' hashes were stored (if not, parcels.csv lists every parcel without owner rows as ownerless).
    /// </summary>
    static async Task<(Dictionary<string, RowHashes> Hashes, HashSet<UInt128> Corrected, bool OwnersTrusted)> LoadRowHashesAsync(
        NpgsqlConnection conn, IEnumerable<string> files, ImportPhases phases, CancellationToken ct)
    {
        var hashes = new Dictionary<string, RowHashes>();
        var ownersTrusted = false;
        long? since = null;
        foreach (var name in files)
        {
            var (known, watermark) = await RowHashStore.LoadAsync(conn, name, ct);
            hashes[name] = known;
            // The history is read once, from the oldest watermark of the parcels' files (they are usually the same).
            if (watermark is { } w && name != InterchangeFiles.Population)
                since = Math.Min(since ?? w, w);
            if (name == InterchangeFiles.Owners)
                ownersTrusted = watermark is not null;
        }
        phases.Mark("stored row hashes");
        var corrected = since is { } from ? await RowHashStore.ChangedSinceAsync(conn, from, ct) : [];
        return (hashes, corrected, ownersTrusted);
    }

    static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>One file after staging: rows read and refused while parsing, its fingerprint, and the rows staged (new or changed).</summary>
sealed record StagedFile(string FileName, long Read, long Rejected, string Sha256, long Bytes, long Staged)
{
    /// <summary>
    /// Under a tenth of the file's rows staged (autovacuum's own analyze threshold): the merge then finds its rows by key,
    /// and the tables' statistics stay as good as they were (a first load stages every row).
    /// </summary>
    public bool FewStaged => Staged * 10 < Read;
}
