using System.IO.Hashing;
using System.Text;
using LandQuality.Interchange;
using Npgsql;

namespace LandQuality.Imports;

/// <summary>What staging needs of the rest of the import for one file.</summary>
/// <param name="Known">The file's stored hashes: rows that match are not staged, and are updated with what this import holds.</param>
/// <param name="Corrected">Parcels a correction changed since the hashes were stored: staged whatever their hash.</param>
/// <param name="Owners">For parcels.csv imported with owners.csv: the owners' hashes after staging, to find parcels that lost every owner.</param>
/// <param name="OwnersTrusted">Whether the owners' hashes were stored before: if not, every parcel without owner rows is listed.</param>
sealed record StagingContext(RowHashes Known, IReadOnlySet<UInt128> Corrected, RowHashes? Owners = null, bool OwnersTrusted = false)
{
    /// <summary>
    /// The stored slot a row of this key may be compared with, or -1 when it must take the full path: the key is new,
    /// was met before in this file (a duplicate, refused there), or was corrected since the hashes were stored.
    /// </summary>
    public int ComparableSlot(UInt128 keyHash)
    {
        var slot = Known.IndexOf(keyHash);
        return slot < 0 || Known.FirstLine(slot) != 0 || Corrected.Contains(keyHash) ? -1 : slot;
    }
}

/// <summary>
/// Stages one file: every record is read, checked and parsed (a refused one goes to the rejects with its
/// line, column and reason, as always), and each good row is hashed; only rows whose hash differs from
/// what the database holds (<see cref="RowHashes"/>), or whose key is new, are binary-COPied to the staging
/// table. A key met again on a later good row is refused here as a duplicate when it is a stored key
/// (the merge refuses duplicates among the new ones, which are all staged). Owners are compared a parcel's
/// rows at a time: files list them together; a parcel whose rows are scattered is staged whole by a second
/// pass over the file.
/// </summary>
sealed class FileStager(NpgsqlConnection conn, RejectSink rejects)
{
    public RejectSink Rejects => rejects;

    static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Parcels listed in parcels.csv with no row in owners.csv, whose owners the merge deletes.</summary>
    public List<string> Ownerless { get; } = [];

    public async Task<StagedFile> StageAsync(string path, string name, StagingContext context, Action<long> onBytes, CancellationToken ct)
    {
        long read = 0, rejected = 0, staged = 0;
        var lastReport = 0L;
        await using var hashing = new HashingReadStream(File.OpenRead(path), position =>
        {
            if (position - lastReport < 1 << 20)
                return;
            lastReport = position;
            onBytes(position);
        });
        // UTF-8 files are split into lines as bytes, so that unchanged rows are never decoded; a file with a UTF-16
        // or UTF-32 byte order mark is read as text, as before, and has no fast path.
        var lines = Utf8LineSource.IsUtf8(path) ? new Utf8LineSource(hashing) : null;
        using var text = lines is null ? new StreamReader(hashing, Utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16) : null;
        var csv = lines is null ? new CsvRecordReader(text!) : new CsvRecordReader(lines.NextLine);
        var (stage, seed, header) = ReadHeader(csv, name);
        var known = context.Known;
        var group = new OwnerGroup(seed);
        var scattered = new HashSet<string>(StringComparer.Ordinal);
        var keyIndex = header.IndexOf(stage.KeyColumn);
        var fastPath = lines is not null && known.Count > 0 ? new UnchangedLines(lines, keyIndex, seed, context, Ownerless) : null;

        await using (var copy = await conn.BeginBinaryImportAsync(stage.CopySql, ct))
        {
            while (true)
            {
                if (fastPath is not null && csv.AtInputLine && !lines!.HasUnread)
                {
                    if (!stage.Grouped && fastPath.SkipRow())
                    {
                        read++;
                        continue;
                    }
                    if (stage.Grouped && fastPath.SkipGroup(group, copy, stage, scattered) is var (skipped, flushed) && skipped > 0)
                    {
                        read += skipped;
                        staged += flushed;
                        continue;
                    }
                }
                if (!csv.TryRead(out var record, out var error))
                    break;
                read++;
                if (error is null && !stage.Grouped && IsUnchanged(record!, keyIndex, seed, context))
                    continue;
                object? row = null;
                string? key = null;
                if (error is null && record!.RawText.Contains('\uFFFD', StringComparison.Ordinal))
                    error = new RowError(record.FirstLine, null, "the row is not valid UTF-8");
                if (error is null)
                    error = RecordLimits.Check(record!, header);
                if (error is null)
                    row = stage.Parse(record!, out key, out error);
                if (error is null && row is not null)
                {
                    var line = record!.FirstLine;
                    if (stage.Grouped)
                    {
                        if (key != group.Key)
                            staged += group.Flush(copy, stage, context, scattered);
                        group.Add(key!, line, row, record.RawText);
                        continue;
                    }
                    var keyHash = RowHashes.KeyOf(key!);
                    var slot = known.IndexOf(keyHash);
                    if (slot >= 0 && known.FirstLine(slot) is var first and > 0)
                        error = new RowError(line, stage.KeyColumn, $"{stage.KeyColumn} {key} already appears on line {first}; the first occurrence is kept");
                    else
                    {
                        var hash = RowHashes.HashOf(record.RawText, seed);
                        var unchanged = slot >= 0 && known.Matches(slot, hash) && !context.Corrected.Contains(keyHash);
                        if (slot >= 0)
                            known.Set(slot, hash, line);
                        else
                            known.Add(keyHash, hash, line);
                        NoteIfOwnerless(context, keyHash, key!);
                        if (!unchanged)
                        {
                            stage.Write(copy, line, row);
                            staged++;
                        }
                        continue;
                    }
                }
                rejected++;
                // A duplicate is refused without its text, as the merge refuses one.
                var raw = error!.Column == stage.KeyColumn && row is not null ? null : record?.RawText;
                await rejects.AddAsync(name, error.Line, error.Column, error.Reason, raw, ct);
            }
            staged += group.Flush(copy, stage, context, scattered);
            await copy.CompleteAsync(ct);
        }
        onBytes(hashing.Position);
        var sha256 = hashing.Sha256Hex();
        if (scattered.Count > 0)
            staged += await StageScatteredAsync(path, name, scattered, context.Known, ct);
        return new StagedFile(name, read, rejected, sha256, new FileInfo(path).Length, staged);
    }

    /// <summary>
    /// Whether the record's text is exactly the text last stored for its key: then it passed every check and parsed
    /// to that very key before, and as the checks and the parse depend on nothing but the text and the header (part
    /// of the hash's seed), it is neither checked nor parsed again — most of a re-import's rows cost a hash and a
    /// lookup. A key field that the parser would rewrite finds no stored key here and takes the full path.
    /// </summary>
    bool IsUnchanged(CsvRecord record, int keyIndex, ulong seed, StagingContext context)
    {
        if (keyIndex >= record.Fields.Count || context.Known.Count == 0)
            return false;
        var key = record.Fields[keyIndex];
        var keyHash = RowHashes.KeyOf(key);
        var known = context.Known;
        if (context.ComparableSlot(keyHash) is not (>= 0 and var slot))
            return false;
        var hash = RowHashes.HashOf(record.RawText, seed);
        if (!known.Matches(slot, hash))
            return false;
        known.Set(slot, hash, record.FirstLine);
        NoteIfOwnerless(context, keyHash, key);
        return true;
    }

    void NoteIfOwnerless(StagingContext context, UInt128 keyHash, string parcelId)
    {
        if (IsOwnerless(context, keyHash))
            Ownerless.Add(parcelId);
    }

    /// <summary>Whether a parcel of parcels.csv is one that owners.csv (staged first) no longer gives any owner row.</summary>
    public static bool IsOwnerless(StagingContext context, UInt128 keyHash) =>
        context.Owners is { } owners && !owners.Met(keyHash)
        && (!context.OwnersTrusted || owners.IndexOf(keyHash) >= 0 || context.Corrected.Contains(keyHash));

    static (StageWriter Stage, ulong Seed, CsvHeader Header) ReadHeader(CsvRecordReader csv, string name)
    {
        if (!csv.TryRead(out var headerRecord, out var headerError) || headerError is not null)
            throw new InterchangeFormatException($"{name}: line 1: {headerError?.Reason ?? "the file is empty; a header row is required"}.");
        var header = CsvHeader.Parse(headerRecord!.Fields, RequiredColumns(name), name);
        return (StageWriter.For(name, header), RowHashes.SeedOf(headerRecord.Fields), header);
    }

    /// <summary>
    /// Parcels whose owner rows are not together in the file: the rows met before the parcel turned up again may
    /// have been skipped. Staged whole, in file order; their hashes are dropped, so that the next import stages them
    /// whole again rather than compare part of them.
    /// </summary>
    async Task<long> StageScatteredAsync(string path, string name, HashSet<string> scattered, RowHashes known, CancellationToken ct)
    {
        await using (var delete = new NpgsqlCommand("DELETE FROM stage_owners WHERE parcel_id = ANY($1)", conn))
        {
            delete.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = scattered.ToArray() });
            await delete.ExecuteNonQueryAsync(ct);
        }
        using var text = new StreamReader(path, Utf8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        var csv = new CsvRecordReader(text);
        var (stage, _, header) = ReadHeader(csv, name);
        long staged = 0;
        await using (var copy = await conn.BeginBinaryImportAsync(stage.CopySql, ct))
        {
            while (csv.TryRead(out var record, out var error))
            {
                // Refused rows were reported by the first pass.
                if (error is not null || record!.RawText.Contains('\uFFFD', StringComparison.Ordinal) || RecordLimits.Check(record, header) is not null)
                    continue;
                if (stage.Parse(record, out var key, out _) is { } row && scattered.Contains(key!))
                {
                    stage.Write(copy, record.FirstLine, row);
                    staged++;
                }
            }
            await copy.CompleteAsync(ct);
        }
        foreach (var key in scattered)
            known.Remove(RowHashes.KeyOf(key));
        return staged;
    }

    static string[] RequiredColumns(string name) => name switch
    {
        InterchangeFiles.Parcels => InterchangeFiles.ParcelColumns,
        InterchangeFiles.Owners => InterchangeFiles.OwnerColumns,
        _ => InterchangeFiles.PopulationColumns,
    };

    /// <summary>One parcel's consecutive good owner rows, hashed together in order.</summary>
    public sealed class OwnerGroup(ulong seed)
    {
        readonly XxHash3 _hash = new((long)seed);
        readonly List<(long Line, object Row)> _rows = [];
        // Between rows: bytes no row text holds (a NUL is refused), so rows cannot run into each other.
        public static readonly byte[] Separator = [0x1e, 0];

        public string? Key { get; private set; }

        public void Add(string key, long line, object row, string rawText)
        {
            Key = key;
            _rows.Add((line, row));
            RowHashes.AppendText(_hash, rawText);
            _hash.Append(Separator);
        }

        /// <summary>Writes the group unless the database already holds exactly these rows; returns the rows written.</summary>
        public long Flush(NpgsqlBinaryImporter copy, StageWriter stage, StagingContext context, HashSet<string> scattered)
        {
            if (Key is not { } key)
                return 0;
            var hash = _hash.GetCurrentHashAsUInt64();
            var keyHash = RowHashes.KeyOf(key);
            var known = context.Known;
            var slot = known.IndexOf(keyHash);
            var write = true;
            if (slot >= 0 && known.FirstLine(slot) > 0)
            {
                scattered.Add(key);
                write = false;
            }
            else if (slot >= 0)
            {
                write = !known.Matches(slot, hash) || context.Corrected.Contains(keyHash);
                known.Set(slot, hash, _rows[0].Line);
            }
            else
                known.Add(keyHash, hash, _rows[0].Line);
            long written = 0;
            if (write)
                foreach (var (line, row) in _rows)
                {
                    stage.Write(copy, line, row);
                    written++;
                }
            _rows.Clear();
            _hash.Reset();
            Key = null;
            return written;
        }
    }
}
