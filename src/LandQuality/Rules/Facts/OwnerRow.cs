using LandQuality.Data;
using Npgsql;

namespace LandQuality.Rules.Facts;

/// <summary>
/// An owner as the facts reader selects it: the columns, and the owner's facts built from them with
/// its registry match — from the registry in memory (<see cref="RegistryMatches"/>) when a run streams
/// owners, or from the registry columns <see cref="SelectWithRegistry"/> joins for one parcel.
/// </summary>
static class OwnerRow
{
    static readonly ColumnList Columns = new("o.parcel_id", "o.seq", "o.full_name", "o.birth_date", "o.birth_year", "o.gender", "o.id_number", "o.share");

    static readonly ColumnList WithRegistry = Columns.Then(
        "r.id_number IS NOT NULL AS registry_found", "r.full_name AS registry_full_name", "r.birth_date AS registry_birth_date",
        "r.gender AS registry_gender", "r.status = 'deceased' AS registry_deceased");

    /// <summary>The owners without their registry records; the statement adds what follows FROM.</summary>
    public static readonly string SelectColumns = $"SELECT {Columns.Sql}";

    public static readonly string SelectWithRegistry =
        $"SELECT {WithRegistry.Sql} FROM owners o LEFT JOIN population_records r ON r.id_number = o.id_number";

    public static readonly int ParcelId = Columns["parcel_id"];
    static readonly int Seq = Columns["seq"], FullName = Columns["full_name"], BirthDate = Columns["birth_date"],
        BirthYear = Columns["birth_year"], Gender = Columns["gender"], IdNumber = Columns["id_number"], Share = Columns["share"];
    static readonly int RegistryFound = WithRegistry["registry_found"], RegistryFullName = WithRegistry["registry_full_name"],
        RegistryBirthDate = WithRegistry["registry_birth_date"], RegistryGender = WithRegistry["registry_gender"],
        RegistryDeceased = WithRegistry["registry_deceased"];

    /// <summary>
    /// The owner of the reader's current row, matched in <paramref name="registry"/>, or — when that is
    /// null — by the registry columns of <see cref="SelectWithRegistry"/>.
    /// </summary>
    public static OwnerFacts Read(NpgsqlDataReader r, RegistryMatches? registry, CrossRecordFacts cross)
    {
        var id = r.GetStringOrNull(IdNumber);
        var match = registry is null ? JoinedMatch(r) : registry.Find(id);
        return new OwnerFacts
        {
            Seq = r.GetInt32(Seq), FullName = r.GetString(FullName), BirthDate = r.GetValueOrNull<DateOnly>(BirthDate),
            BirthYear = r.GetValueOrNull<int>(BirthYear), Gender = r.GetStringOrNull(Gender) is { } g ? RegistryMatches.Gender(g) : null,
            IdNumber = id, Share = r.GetValueOrNull<decimal>(Share),
            RegistryFound = match is not null, RegistryFullName = match?.FullName, RegistryBirthDate = match?.BirthDate,
            RegistryGender = match?.Gender, RegistryDeceased = match?.Deceased ?? false,
            NamesForIdNumber = cross.NamesForIdNumber(id),
        };
    }

    static RegistryMatch? JoinedMatch(NpgsqlDataReader r) =>
        r.GetBoolean(RegistryFound)
            ? new RegistryMatch(r.GetString(RegistryFullName), r.GetValueOrNull<DateOnly>(RegistryBirthDate), r.GetStringOrNull(RegistryGender),
                r.GetBoolean(RegistryDeceased))
            : null;
}
