using System.Data;
using System.Runtime.InteropServices;
using Npgsql;

namespace LandQuality.Imports;

/// <summary>
/// Reads and writes the <see cref="RowHashes"/> of each file (table import_row_hashes, migration ImportRowHashes).
/// The stored hashes describe the database only as imports left it: they are ignored when the file's table is
/// empty (emptied since), and the parcels a correction changed since are staged whatever their hash
/// (<see cref="ChangedSinceAsync"/>), so that a re-import still sets them back to the file's values as before.
/// </summary>
static class RowHashStore
{
    // Every statement without a timeout: at national scale (10 million keys) the arrays are hundreds of MiB.
    /// <summary>
    /// History entries are numbered when appended, not when committed: a correction that drew its number just
    /// before the last import read the watermark may commit after it. Looking this far back covers it.
    /// </summary>
    const long WatermarkMargin = 100_000;

    public static string TableOf(string fileName) => fileName switch
    {
        Interchange.InterchangeFiles.Parcels => "parcels",
        Interchange.InterchangeFiles.Owners => "owners",
        _ => "population_records",
    };

    /// <summary>The file's stored hashes and the watermark they were stored at; empty when there are none or they cannot be trusted.</summary>
    public static async Task<(RowHashes Hashes, long? Watermark)> LoadAsync(NpgsqlConnection conn, string fileName, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"SELECT audit_watermark, octet_length(keys), octet_length(hashes), keys, hashes FROM import_row_hashes " +
            $"WHERE file_name = $1 AND EXISTS (SELECT 1 FROM {TableOf(fileName)})", conn)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = fileName } },
        };
        // Sequential: the arrays (tens of MiB) are read from the socket straight into the arrays the import keeps,
        // not buffered as the row and then copied twice.
        await using var reader = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        if (!await reader.ReadAsync(ct))
            return (RowHashes.Empty(), null);
        var watermark = reader.GetInt64(0);
        var keys = new UInt128[reader.GetInt32(1) / 16];
        var hashes = new ulong[reader.GetInt32(2) / 8];
        await ReadIntoAsync(reader, 3, keys, ct);
        await ReadIntoAsync(reader, 4, hashes, ct);
        return (new RowHashes(keys, hashes), watermark);
    }

    static async Task ReadIntoAsync<T>(NpgsqlDataReader reader, int column, T[] into, CancellationToken ct) where T : unmanaged
    {
        await using var stream = await reader.GetStreamAsync(column, ct);
        var bytes = new byte[Math.Min(1 << 20, into.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>())];
        var done = 0;
        int n;
        while ((n = await stream.ReadAsync(bytes, ct)) > 0)
        {
            bytes.AsSpan(0, n).CopyTo(MemoryMarshal.AsBytes(into.AsSpan())[done..]);
            done += n;
        }
    }

    /// <summary>Parcels whose fields a correction changed since <paramref name="watermark"/>: their rows are staged again.</summary>
    public static async Task<HashSet<UInt128>> ChangedSinceAsync(NpgsqlConnection conn, long watermark, CancellationToken ct)
    {
        var changed = new HashSet<UInt128>();
        await using var cmd = new NpgsqlCommand(
            "SELECT DISTINCT parcel_id FROM audit_events WHERE id > $1 AND kind = 'correction_applied'", conn)
        {
            Parameters = { new NpgsqlParameter<long> { TypedValue = watermark - WatermarkMargin } },
        };
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            changed.Add(RowHashes.KeyOf(reader.GetString(0)));
        return changed;
    }

    /// <summary>The last history entry now; read in the merge's transaction before it writes.</summary>
    public static async Task<long> WatermarkAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT coalesce(max(id), 0) FROM audit_events", conn);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public static async Task SaveAsync(NpgsqlConnection conn, string fileName, long importId, long watermark, RowHashes hashes, CancellationToken ct)
    {
        // Nothing changed: the arrays (tens of MiB for a province) stay; only the import and watermark move on.
        if (!hashes.Changed)
        {
            await using var touch = new NpgsqlCommand(
                "UPDATE import_row_hashes SET import_id = $2, audit_watermark = $3 WHERE file_name = $1", conn)
            {
                Parameters =
                {
                    new NpgsqlParameter<string> { TypedValue = fileName }, new NpgsqlParameter<long> { TypedValue = importId },
                    new NpgsqlParameter<long> { TypedValue = watermark },
                },
            };
            if (await touch.ExecuteNonQueryAsync(ct) == 1)
                return;
        }
        // The same keys (a re-import that changed rows, added or dropped none): the keys' array, two thirds of the bytes, stays.
        else if (!hashes.KeysChanged)
        {
            await using var update = new NpgsqlCommand(
                "UPDATE import_row_hashes SET import_id = $2, audit_watermark = $3, hashes = $4 WHERE file_name = $1", conn)
            {
                Parameters =
                {
                    new NpgsqlParameter<string> { TypedValue = fileName }, new NpgsqlParameter<long> { TypedValue = importId },
                    new NpgsqlParameter<long> { TypedValue = watermark }, new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = hashes.SerializeHashes() },
                },
            };
            if (await update.ExecuteNonQueryAsync(ct) == 1)
                return;
        }
        var (keys, rowHashes) = hashes.Serialize();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO import_row_hashes (file_name, import_id, audit_watermark, keys, hashes) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (file_name) DO UPDATE SET import_id = EXCLUDED.import_id, audit_watermark = EXCLUDED.audit_watermark,
                keys = EXCLUDED.keys, hashes = EXCLUDED.hashes
            """, conn)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = fileName }, new NpgsqlParameter<long> { TypedValue = importId },
                new NpgsqlParameter<long> { TypedValue = watermark }, new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = keys },
                new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = rowHashes },
            },
        };
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
