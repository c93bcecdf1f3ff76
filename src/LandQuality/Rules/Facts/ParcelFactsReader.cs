using Npgsql;

namespace LandQuality.Rules.Facts;

/// <summary>
/// Builds <see cref="ParcelFacts"/> from PostgreSQL for one commune or one parcel: three plain
/// queries (parcels with certificates, purposes, owners with their registry match) stitched together
/// by parcel id. A commune is the unit because evaluation runs, commits and resumes commune by
/// commune, and it bounds memory at any national scale.
/// </summary>
public static class ParcelFactsReader
{
    const string ParcelColumns = """
        SELECT p.parcel_id, p.commune_code, p.map_sheet, p.parcel_no, p.address, p.area_m2, p.legal_area_m2,
               p.land_use_term, p.land_use_origin, p.geometry_wkt, p.updated_on,
               c.parcel_id IS NOT NULL, c.serial, c.book_no, c.issued_on
        FROM parcels p LEFT JOIN certificates c ON c.parcel_id = p.parcel_id
        """;
    const string PurposeColumns = "SELECT x.parcel_id, x.code, x.area_m2 FROM parcel_purposes x JOIN parcels p ON p.parcel_id = x.parcel_id";
    const string OwnerColumns = """
        SELECT o.parcel_id, o.seq, o.full_name, o.birth_date, o.birth_year, o.gender, o.id_number, o.share,
               r.id_number IS NOT NULL, r.full_name, r.birth_date, r.gender, r.status = 'deceased'
        FROM owners o JOIN parcels p ON p.parcel_id = o.parcel_id
        LEFT JOIN population_records r ON r.id_number = o.id_number
        """;

    public static Task<List<ParcelFacts>> ReadCommuneAsync(NpgsqlDataSource db, string communeCode, CrossRecordFacts cross,
        DateOnly evaluatedOn, CancellationToken ct) =>
        ReadAsync(db, "p.commune_code = $1::character(5)", communeCode, cross, evaluatedOn, ct);

    public static async Task<ParcelFacts?> ReadParcelAsync(NpgsqlDataSource db, string parcelId, CrossRecordFacts cross,
        DateOnly evaluatedOn, CancellationToken ct) =>
        (await ReadAsync(db, "p.parcel_id = $1", parcelId, cross, evaluatedOn, ct)).SingleOrDefault();

    static async Task<List<ParcelFacts>> ReadAsync(NpgsqlDataSource db, string filter, string value, CrossRecordFacts cross,
        DateOnly evaluatedOn, CancellationToken ct)
    {
        var purposes = new Dictionary<string, List<PurposeFacts>>(StringComparer.Ordinal);
        await using (var cmd = Command(db, $"{PurposeColumns} WHERE {filter} ORDER BY x.parcel_id, x.seq", value))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                Bucket(purposes, r.GetString(0)).Add(new PurposeFacts(r.GetString(1), Nullable<decimal>(r, 2)));

        var owners = new Dictionary<string, List<OwnerFacts>>(StringComparer.Ordinal);
        await using (var cmd = Command(db, $"{OwnerColumns} WHERE {filter} ORDER BY o.parcel_id, o.seq", value))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var id = r.IsDBNull(6) ? null : r.GetString(6);
                Bucket(owners, r.GetString(0)).Add(new OwnerFacts
                {
                    Seq = r.GetInt32(1), FullName = r.GetString(2), BirthDate = Nullable<DateOnly>(r, 3),
                    BirthYear = Nullable<int>(r, 4), Gender = Text(r, 5), IdNumber = id, Share = Nullable<decimal>(r, 7),
                    RegistryFound = r.GetBoolean(8), RegistryFullName = Text(r, 9), RegistryBirthDate = Nullable<DateOnly>(r, 10),
                    RegistryGender = Text(r, 11), RegistryDeceased = !r.IsDBNull(12) && r.GetBoolean(12),
                    NamesForIdNumber = cross.NamesForIdNumber(id),
                });
            }

        var result = new List<ParcelFacts>();
        await using (var cmd = Command(db, $"{ParcelColumns} WHERE {filter} ORDER BY p.parcel_id", value))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var parcelId = r.GetString(0);
                var commune = r.GetString(1);
                var sheet = Nullable<int>(r, 2);
                var no = Nullable<int>(r, 3);
                var parcelPurposes = purposes.GetValueOrDefault(parcelId) ?? [];
                result.Add(new ParcelFacts
                {
                    ParcelId = parcelId, CommuneCode = commune, MapSheet = sheet, ParcelNo = no, Address = Text(r, 4),
                    AreaM2 = Nullable<decimal>(r, 5), LegalAreaM2 = Nullable<decimal>(r, 6), LandUseTerm = Text(r, 7),
                    LandUseOrigin = Text(r, 8), GeometryWkt = Text(r, 9), UpdatedOn = Nullable<DateOnly>(r, 10),
                    HasCertificate = r.GetBoolean(11), CertificateSerial = Text(r, 12), CertificateBookNo = Text(r, 13),
                    CertificateIssuedOn = Nullable<DateOnly>(r, 14),
                    Purposes = parcelPurposes,
                    PurposeAreaSum = parcelPurposes.Any(p => p.AreaM2 is not null) ? parcelPurposes.Sum(p => p.AreaM2 ?? 0) : null,
                    Owners = owners.GetValueOrDefault(parcelId) ?? [],
                    DuplicateKeyCount = cross.DuplicateKeyCount(commune, sheet, no),
                    EvaluatedOn = evaluatedOn,
                });
            }
        return result;
    }

    static List<T> Bucket<T>(Dictionary<string, List<T>> map, string key)
    {
        if (!map.TryGetValue(key, out var list))
            map[key] = list = new List<T>(2);
        return list;
    }

    static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    static T? Nullable<T>(NpgsqlDataReader r, int i) where T : struct => r.IsDBNull(i) ? null : r.GetFieldValue<T>(i);

    static NpgsqlCommand Command(NpgsqlDataSource db, string sql, string value)
    {
        var cmd = db.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        return cmd;
    }
}
