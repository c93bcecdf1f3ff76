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
/// evaluated. About 200 MB for Huế's million records; a commune run reads only its owners' records.
/// </summary>
public sealed class RegistryMatches
{
    readonly Dictionary<string, RegistryMatch> _byIdNumber;

    RegistryMatches(Dictionary<string, RegistryMatch> byIdNumber) => _byIdNumber = byIdNumber;

    public int Count => _byIdNumber.Count;

    public RegistryMatch? Find(string? idNumber) =>
        idNumber is not null && _byIdNumber.TryGetValue(idNumber, out var match) ? match : null;

    public static async Task<RegistryMatches> LoadAsync(NpgsqlDataSource db, string? communeCode, CancellationToken ct)
    {
        const string columns = "SELECT r.id_number, r.full_name, r.birth_date, r.gender, r.status = 'deceased' FROM population_records r";
        await using var cmd = communeCode is null
            ? db.CreateCommand(columns)
            : db.CreateCommand($"{columns} WHERE r.id_number IN " +
                "(SELECT o.id_number FROM owners o JOIN parcels p ON p.parcel_id = o.parcel_id WHERE p.commune_code = $1)");
        if (communeCode is not null)
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = communeCode });
        // Sized once from the planner's row estimate: growing a million-entry table step by step
        // allocates each larger copy in the large-object heap, and each such allocation can set off a
        // full collection while the rest of the set-wide facts are being built.
        var byId = new Dictionary<string, RegistryMatch>(communeCode is null ? await RowEstimate.OfAsync(db, "population_records", ct) : 0,
            StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        // Synchronous row reads (the caller runs this on its own thread): a million awaited reads cost
        // more CPU than the thread they would free.
        while (r.Read())
            byId[r.GetString(0)] = new RegistryMatch(r.GetString(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2),
                r.IsDBNull(3) ? null : Gender(r.GetString(3)), r.GetBoolean(4));
        return new RegistryMatches(byId);
    }

    /// <summary>One shared string per letter instead of a million copies.</summary>
    internal static string Gender(string value) => value switch { "M" => "M", "F" => "F", _ => value };
}
