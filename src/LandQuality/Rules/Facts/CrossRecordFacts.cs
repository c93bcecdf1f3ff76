using LandQuality.Rules.Helpers;
using Npgsql;

namespace LandQuality.Rules.Facts;

/// <summary>
/// Facts that need the whole data set: how many parcels share a commune + map sheet + parcel number,
/// and how many different names an ID number carries (ignoring diacritics, case and spacing: a copy
/// written without accents is the same name, reported by the diacritics rule, not a second person).
/// Only the exceptions are kept (keys shared by several parcels, ID numbers with more than one
/// name), so the set stays small at any scale.
/// </summary>
public sealed class CrossRecordFacts
{
    readonly Dictionary<(string Commune, int Sheet, int No), int> _sharedKeys;
    readonly Dictionary<string, int> _namesPerId;

    CrossRecordFacts(Dictionary<(string, int, int), int> sharedKeys, Dictionary<string, int> namesPerId)
    {
        _sharedKeys = sharedKeys;
        _namesPerId = namesPerId;
    }

    public int DuplicateKeyCount(string commune, int? sheet, int? no) =>
        sheet is { } s && no is { } n && _sharedKeys.TryGetValue((commune, s, n), out var count) ? count : 1;

    public int NamesForIdNumber(string? idNumber) =>
        idNumber is null ? 0 : _namesPerId.GetValueOrDefault(idNumber, 1);

    /// <summary>The set-wide pass over all parcels and owners.</summary>
    public static Task<CrossRecordFacts> LoadAsync(NpgsqlDataSource db, CancellationToken ct) => LoadAsync(db, null, null, ct);

    /// <summary>Only what one parcel needs: its own key and its owners' ID numbers (fast re-evaluation).</summary>
    public static Task<CrossRecordFacts> LoadForParcelAsync(NpgsqlDataSource db, string parcelId, CancellationToken ct) =>
        LoadAsync(db, "p.parcel_id = $1", parcelId, ct);

    static async Task<CrossRecordFacts> LoadAsync(NpgsqlDataSource db, string? parcelFilter, string? parcelId, CancellationToken ct)
    {
        var keySql = parcelFilter is null
            ? "SELECT commune_code, map_sheet, parcel_no, count(*) FROM parcels WHERE map_sheet IS NOT NULL AND parcel_no IS NOT NULL " +
              "GROUP BY 1, 2, 3 HAVING count(*) > 1"
            : "SELECT q.commune_code, q.map_sheet, q.parcel_no, count(*) FROM parcels q JOIN parcels p " +
              "ON (q.commune_code, q.map_sheet, q.parcel_no) = (p.commune_code, p.map_sheet, p.parcel_no) " +
              $"WHERE {parcelFilter} GROUP BY 1, 2, 3 HAVING count(*) > 1";
        // Raw spellings first (min <> max is a cheap hash aggregate); only ID numbers written more than one way are normalised here.
        var nameSql = parcelFilter is null
            ? "WITH multi AS (SELECT id_number FROM owners WHERE id_number IS NOT NULL GROUP BY id_number HAVING min(full_name COLLATE \"C\") <> max(full_name COLLATE \"C\")) " +
              "SELECT o.id_number, array_agg(DISTINCT o.full_name) FROM owners o JOIN multi m ON m.id_number = o.id_number GROUP BY o.id_number"
            : "SELECT o.id_number, array_agg(DISTINCT o.full_name) FROM owners o WHERE o.id_number IN " +
              $"(SELECT x.id_number FROM owners x JOIN parcels p ON p.parcel_id = x.parcel_id WHERE {parcelFilter}) " +
              "GROUP BY o.id_number HAVING count(DISTINCT o.full_name) > 1";

        // Two independent aggregates: run at once, on two connections, for the set-wide pass.
        var keysTask = ReadSharedKeysAsync(db, keySql, parcelId, ct);
        var namesTask = ReadNamesPerIdAsync(db, nameSql, parcelId, ct);
        await Task.WhenAll(keysTask, namesTask);
        return new CrossRecordFacts(await keysTask, await namesTask);
    }

    static async Task<Dictionary<(string, int, int), int>> ReadSharedKeysAsync(NpgsqlDataSource db, string sql, string? parcelId, CancellationToken ct)
    {
        var keys = new Dictionary<(string, int, int), int>();
        await using var cmd = Command(db, sql, parcelId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            keys[(r.GetString(0), r.GetInt32(1), r.GetInt32(2))] = (int)r.GetInt64(3);
        return keys;
    }

    static async Task<Dictionary<string, int>> ReadNamesPerIdAsync(NpgsqlDataSource db, string sql, string? parcelId, CancellationToken ct)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var cmd = Command(db, sql, parcelId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var distinct = r.GetFieldValue<string[]>(1).Select(VietnameseName.StripAccents).Distinct(StringComparer.Ordinal).Count();
            if (distinct > 1)
                names[r.GetString(0)] = distinct;
        }
        return names;
    }

    static NpgsqlCommand Command(NpgsqlDataSource db, string sql, string? parcelId)
    {
        var cmd = db.CreateCommand(sql);
        if (parcelId is not null)
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parcelId });
        return cmd;
    }
}
