using LandQuality.Data;
using Npgsql;

namespace LandQuality.Rules.Facts;

/// <summary>
/// What the population registry holds for one ID number, as an owner's facts need it. A struct: a
/// million of them live through the whole run inside the dictionary's entries, where the garbage
/// collector has a million fewer objects to trace each time it collects the oldest generation.
/// </summary>
public readonly record struct RegistryMatch(string FullName, DateOnly? BirthDate, string? Gender, bool Deceased);

/// <summary>
/// The population registry read into memory once per run, so owners stream out of PostgreSQL in
/// key order and meet their registry record here: a join inside PostgreSQL would hash the registry
/// and then sort 1.6M joined owner rows back into parcel order before the first parcel could be
/// evaluated. A commune run reads only its owners' records.
/// </summary>
public sealed class RegistryMatches
{
    // ID numbers are digits (12 for a CCCD, 9 for a CMND): those are keyed by a number, so a million
    // keys are no million strings kept for the whole run. Anything else is keyed by its text.
    readonly Dictionary<long, RegistryMatch> _byDigits;
    readonly Dictionary<string, RegistryMatch> _byText = new(StringComparer.Ordinal);

    RegistryMatches(int capacity) => _byDigits = new Dictionary<long, RegistryMatch>(capacity);

    public int Count => _byDigits.Count + _byText.Count;

    public RegistryMatch? Find(string? idNumber) =>
        idNumber is null ? null
        : DigitKey(idNumber) is { } key ? (_byDigits.TryGetValue(key, out var match) ? match : null)
        : _byText.TryGetValue(idNumber, out var other) ? other : null;

    void Add(string idNumber, RegistryMatch match)
    {
        if (DigitKey(idNumber) is { } key)
            _byDigits[key] = match;
        else
            _byText[idNumber] = match;
    }

    /// <summary>
    /// A string of 1 to 17 ASCII digits as one number that keeps its length, so leading zeros count
    /// ("046…" and "46…" differ); null for anything else.
    /// </summary>
    internal static long? DigitKey(string idNumber)
    {
        if (idNumber.Length is 0 or > 17)
            return null;
        long value = 0;
        foreach (var c in idNumber)
        {
            if (c is < '0' or > '9')
                return null;
            value = value * 10 + (c - '0');
        }
        return value * 32 + idNumber.Length;
    }

    public static async Task<RegistryMatches> LoadAsync(NpgsqlDataSource db, string? communeCode, CancellationToken ct)
    {
        await using var cmd = communeCode is null
            ? db.CreateCommand(Columns)
            : db.CreateCommand($"{Columns} WHERE r.id_number IN " +
                "(SELECT o.id_number FROM owners o JOIN parcels p ON p.parcel_id = o.parcel_id WHERE p.commune_code = $1)");
        if (communeCode is not null)
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = communeCode });
        // Sized once from the planner's row estimate: growing a million-entry table step by step
        // allocates each larger copy in the large-object heap, and each such allocation can set off a
        // full collection while the rest of the set-wide facts are being built.
        return await ReadAsync(cmd, communeCode is null ? await RowEstimate.OfAsync(db, "population_records", ct) : 0, ct);
    }

    /// <summary>Only the records of <paramref name="idNumbers"/> (an incremental run's owners), inside the caller's transaction.</summary>
    public static async Task<RegistryMatches> LoadForIdNumbersAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string[] idNumbers, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"{Columns} WHERE r.id_number = ANY($1)", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = idNumbers });
        return await ReadAsync(cmd, idNumbers.Length, ct);
    }

    const string Columns = "SELECT r.id_number, r.full_name, r.birth_date, r.gender, r.status = 'deceased' AS deceased FROM population_records r";

    static async Task<RegistryMatches> ReadAsync(NpgsqlCommand cmd, int capacity, CancellationToken ct)
    {
        var registry = new RegistryMatches(capacity);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        // Synchronous row reads (the caller runs this on its own thread): a million awaited reads cost
        // more CPU than the thread they would free.
        var (id, name, birthDate, gender, deceased) =
            (r.GetOrdinal("id_number"), r.GetOrdinal("full_name"), r.GetOrdinal("birth_date"), r.GetOrdinal("gender"), r.GetOrdinal("deceased"));
        while (r.Read())
            registry.Add(r.GetString(id), new RegistryMatch(r.GetString(name), r.GetValueOrNull<DateOnly>(birthDate),
                r.GetStringOrNull(gender) is { } g ? Gender(g) : null, r.GetBoolean(deceased)));
        return registry;
    }

    /// <summary>One shared string per letter instead of a million copies.</summary>
    internal static string Gender(string value) => value switch { "M" => "M", "F" => "F", _ => value };
}
