using System.Data;
using LandQuality.Data;
using LandQuality.Rules.Helpers;
using Npgsql;

namespace LandQuality.Rules.Facts;

/// <summary>
/// Facts that need the whole data set: how many parcels share a commune + map sheet + parcel number,
/// and how many different names an ID number carries (ignoring diacritics, case and spacing: a copy
/// written without accents is the same name, reported by the diacritics rule, not a second person).
/// Only the exceptions are kept (keys shared by several parcels, ID numbers with more than one
/// name), so the set stays small at any scale. Retired parcels (duplicates retired into another
/// record) count for neither.
/// </summary>
public sealed class CrossRecordFacts
{
    readonly Dictionary<(string Commune, int Sheet, int No), int> _sharedKeys;
    readonly Dictionary<string, int> _namesPerId;

    internal CrossRecordFacts(Dictionary<(string, int, int), int> sharedKeys, Dictionary<string, int> namesPerId)
    {
        _sharedKeys = sharedKeys;
        _namesPerId = namesPerId;
    }

    public int DuplicateKeyCount(string commune, int? sheet, int? no) =>
        sheet is { } s && no is { } n && _sharedKeys.TryGetValue((commune, s, n), out var count) ? count : 1;

    public int NamesForIdNumber(string? idNumber) =>
        idNumber is null ? 0 : _namesPerId.GetValueOrDefault(idNumber, 1);

    /// <summary>
    /// The set-wide pass over all parcels and owners, counted here rather than by GROUP BY: PostgreSQL
    /// only sends the narrow columns (a sequential scan of parcels, an index-only scan of owners), and
    /// the two counts run on two threads, off the server, which is the busiest part of a run's first
    /// seconds (docs/benchmarks.md, "Why the data paths are built as they are").
    /// </summary>
    public static async Task<CrossRecordFacts> LoadAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var keys = Task.Run(() => CountSharedKeysAsync(db, ct), ct);
        var names = Task.Run(() => CountNamesPerIdAsync(db, ct), ct);
        await Task.WhenAll(keys, names);
        return new CrossRecordFacts(await keys, await names);
    }

    /// <summary>
    /// Each key packed into one number (commune as its position in a small table, sheet and parcel
    /// number side by side), all of them sorted, runs counted: no hashing or table growth per parcel,
    /// and only the shared keys become objects. Numbers too large to pack are counted by key instead.
    /// </summary>
    static async Task<Dictionary<(string, int, int), int>> CountSharedKeysAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var packed = new List<long>(await RowEstimate.OfAsync(db, "parcels", ct));
        var unpackable = new Dictionary<(string, int, int), int>();
        var communes = new List<string>();
        var communeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand("SELECT commune_code, map_sheet, parcel_no FROM parcels WHERE map_sheet IS NOT NULL AND parcel_no IS NOT NULL AND retired_at IS NULL"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            var (communeAt, sheetAt, noAt) = (r.GetOrdinal("commune_code"), r.GetOrdinal("map_sheet"), r.GetOrdinal("parcel_no"));
            while (r.Read()) // synchronous: on its own thread, an awaited read per row costs more CPU than it frees
            {
                var commune = r.GetString(communeAt);
                var (sheet, no) = (r.GetInt32(sheetAt), r.GetInt32(noAt));
                if (!communeIndex.TryGetValue(commune, out var c))
                {
                    communeIndex[commune] = c = communes.Count;
                    communes.Add(commune);
                }
                if (SharedKey.Pack(c, sheet, no) is { } key)
                    packed.Add(key);
                else
                    unpackable[(commune, sheet, no)] = unpackable.GetValueOrDefault((commune, sheet, no)) + 1;
            }
        }
        packed.Sort();
        var shared = unpackable.Where(u => u.Value > 1).ToDictionary(u => u.Key, u => u.Value);
        for (int start = 0, end; start < packed.Count; start = end)
        {
            for (end = start + 1; end < packed.Count && packed[end] == packed[start]; end++) { }
            if (end - start > 1)
            {
                var (c, sheet, no) = SharedKey.Unpack(packed[start]);
                shared[(communes[c], sheet, no)] = end - start;
            }
        }
        return shared;
    }

    /// <summary>
    /// The owners in ID-number order, which the covering index <c>ix_owners_id_number</c> (ID number,
    /// name) gives without touching the table, so each ID number's rows arrive together and are
    /// counted as they pass: no table of 900,000 ID numbers. Raw spellings first; only ID numbers
    /// written more than one way are normalised. Any deterministic collation keeps equal ID numbers
    /// together, so the order needs no particular one.
    /// </summary>
    static async Task<Dictionary<string, int>> CountNamesPerIdAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var retired = await RetiredOwnersAsync(conn, null, null, ct);
        await using var cmd = new NpgsqlCommand("SELECT id_number, full_name FROM owners WHERE id_number IS NOT NULL ORDER BY id_number", conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return CountNames(r, retired);
    }

    /// <summary>
    /// Counts the names of each ID number as the rows (ID number, name; in ID-number order) pass, leaving out as many
    /// rows of each pair as <paramref name="retired"/> says retired parcels hold. Synchronous reads: on its own
    /// thread, an awaited read per row costs more CPU than it frees.
    /// </summary>
    static Dictionary<string, int> CountNames(NpgsqlDataReader r, Dictionary<(string, string), int> retired)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        string? id = null, firstName = null;
        HashSet<string>? spellings = null;
        void Close()
        {
            if (id is not null && spellings is not null && DistinctNames(spellings) is > 1 and var distinct)
                names[id] = distinct;
        }
        var (idAt, nameAt) = (r.GetOrdinal("id_number"), r.GetOrdinal("full_name"));
        while (r.Read())
        {
            var rowId = r.GetString(idAt);
            var name = r.GetString(nameAt);
            if (retired.Count > 0 && retired.GetValueOrDefault((rowId, name)) is > 0 and var left)
            {
                retired[(rowId, name)] = left - 1; // an owner row of a retired parcel: not counted
                continue;
            }
            if (!string.Equals(rowId, id, StringComparison.Ordinal))
            {
                Close();
                (id, firstName, spellings) = (rowId, name, null);
            }
            else if (!string.Equals(name, firstName, StringComparison.Ordinal))
                (spellings ??= new HashSet<string>(StringComparer.Ordinal) { firstName! }).Add(name);
        }
        Close();
        return names;
    }

    /// <summary>
    /// The owner rows of retired parcels (of those holding <paramref name="idNumbers"/>, or all), as (ID number, name)
    /// with how many rows each: the counts read the covering index alone, which does not know the parcel, so they
    /// pass over as many rows of each pair as retired parcels hold. Retired parcels are few, found by their partial index.
    /// </summary>
    static async Task<Dictionary<(string, string), int>> RetiredOwnersAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string[]? idNumbers,
        CancellationToken ct)
    {
        var rows = new Dictionary<(string, string), int>();
        await using var cmd = new NpgsqlCommand($"""
            SELECT o.id_number, o.full_name, count(*)::int AS owner_rows FROM parcels p JOIN owners o ON o.parcel_id = p.parcel_id
            WHERE p.retired_at IS NOT NULL AND o.id_number IS NOT NULL{(idNumbers is null ? "" : " AND o.id_number = ANY($1)")} GROUP BY 1, 2
            """, conn, tx);
        if (idNumbers is not null)
            cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = idNumbers });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows[(r.GetString("id_number"), r.GetString("full_name"))] = r.GetInt32("owner_rows");
        return rows;
    }

    /// <summary>
    /// How many names each of <paramref name="idNumbers"/> carries (an incremental run's owners'; only those with more
    /// than one), counted as the whole-set pass counts them: from the covering index, without the owners' rows, which
    /// the retired parcels' check would otherwise fetch one by one (40,000 for 13,500 ID numbers at Huế scale).
    /// Inside the caller's transaction, which probes by key (<see cref="KeyProbes"/>).
    /// </summary>
    internal static async Task<Dictionary<string, int>> NamesPerIdOfAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string[] idNumbers,
        CancellationToken ct)
    {
        var retired = await RetiredOwnersAsync(conn, tx, idNumbers, ct);
        await using var cmd = new NpgsqlCommand("SELECT id_number, full_name FROM owners WHERE id_number = ANY($1) ORDER BY id_number", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = idNumbers });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return CountNames(r, retired);
    }

    /// <summary>
    /// How many live parcels share each key of <paramref name="parcelIds"/> (only keys shared by more than one): every
    /// parcel on those keys counted from the key's index alone, then the retired ones (few, by their partial index)
    /// taken off, instead of a row fetched per parcel to ask whether it is retired. Inside the caller's transaction,
    /// which probes by key (<see cref="KeyProbes"/>).
    /// </summary>
    internal static async Task<Dictionary<(string, int, int), int>> SharedKeysOfAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        string[] parcelIds, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx);
        batch.BatchCommands.Add(BatchCommands.Of("""
            SELECT q.commune_code, q.map_sheet, q.parcel_no, count(*) AS parcels FROM parcels q
            WHERE (q.commune_code, q.map_sheet, q.parcel_no) IN (SELECT commune_code, map_sheet, parcel_no FROM parcels WHERE parcel_id = ANY($1))
            GROUP BY 1, 2, 3 HAVING count(*) > 1
            """, BatchCommands.Value(parcelIds)));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT commune_code, map_sheet, parcel_no, count(*) AS parcels FROM parcels
            WHERE retired_at IS NOT NULL AND map_sheet IS NOT NULL AND parcel_no IS NOT NULL GROUP BY 1, 2, 3
            """));
        await using var r = await batch.ExecuteReaderAsync(ct);
        var all = await ReadSharedKeysAsync(r, ct);
        await r.NextResultAsync(ct);
        var retired = await ReadSharedKeysAsync(r, ct);
        return all.Select(kv => (kv.Key, Live: kv.Value - retired.GetValueOrDefault(kv.Key))).Where(k => k.Live > 1)
            .ToDictionary(k => k.Key, k => k.Live);
    }

    /// <summary>Only what one parcel ($1) needs: its own key and its owners' ID numbers; two statements, keys then names.</summary>
    internal static readonly string[] ForParcelSql =
    [
        "SELECT q.commune_code, q.map_sheet, q.parcel_no, count(*) AS parcels FROM parcels q JOIN parcels p " +
        "ON (q.commune_code, q.map_sheet, q.parcel_no) = (p.commune_code, p.map_sheet, p.parcel_no) " +
        "WHERE p.parcel_id = $1 AND q.retired_at IS NULL GROUP BY 1, 2, 3 HAVING count(*) > 1",
        "SELECT o.id_number, array_agg(DISTINCT o.full_name) AS names FROM owners o WHERE o.id_number IN " +
        "(SELECT x.id_number FROM owners x WHERE x.parcel_id = $1) " +
        "AND NOT EXISTS (SELECT 1 FROM parcels r WHERE r.parcel_id = o.parcel_id AND r.retired_at IS NOT NULL) " +
        "GROUP BY o.id_number HAVING count(DISTINCT o.full_name) > 1",
    ];

    /// <summary>Reads the two result sets of <see cref="ForParcelSql"/>, leaving the reader on the last of them.</summary>
    internal static async Task<CrossRecordFacts> ReadForParcelAsync(NpgsqlDataReader r, CancellationToken ct)
    {
        var keys = await ReadSharedKeysAsync(r, ct);
        await r.NextResultAsync(ct);
        return new CrossRecordFacts(keys, await ReadNamesPerIdAsync(r, ct));
    }

    static async Task<Dictionary<(string, int, int), int>> ReadSharedKeysAsync(NpgsqlDataReader r, CancellationToken ct)
    {
        var keys = new Dictionary<(string, int, int), int>();
        while (await r.ReadAsync(ct))
            keys[(r.GetString("commune_code"), r.GetInt32("map_sheet"), r.GetInt32("parcel_no"))] = (int)r.GetInt64("parcels");
        return keys;
    }

    static async Task<Dictionary<string, int>> ReadNamesPerIdAsync(NpgsqlDataReader r, CancellationToken ct)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct))
            if (DistinctNames(r.GetFieldValue<string[]>("names")) is > 1 and var distinct)
                names[r.GetString("id_number")] = distinct;
        return names;
    }

    /// <summary>Spellings that remain different without diacritics, case or spacing: different names, not variants.</summary>
    static int DistinctNames(IEnumerable<string> spellings) =>
        spellings.Select(VietnameseName.StripAccents).Distinct(StringComparer.Ordinal).Count();
}
