using System.Runtime.CompilerServices;
using Npgsql;

namespace LandQuality.Rules.Facts;

/// <summary>
/// Builds <see cref="ParcelFacts"/> from PostgreSQL. A run streams three queries at once — parcels
/// with certificates, purposes, owners with their registry match — all sorted by (commune, parcel),
/// and stitches them together as they arrive: each table is scanned once, whatever the number of
/// communes, and only one commune's facts are in memory at a time. A commune is the unit of a
/// batch because evaluation commits and resumes commune by commune.
/// </summary>
public static class ParcelFactsReader
{
    const string ParcelSelect = """
        SELECT p.parcel_id, p.commune_code, p.map_sheet, p.parcel_no, p.address, p.area_m2, p.legal_area_m2,
               p.land_use_term, p.land_use_origin, p.geometry_wkt, p.updated_on,
               c.parcel_id IS NOT NULL, c.serial, c.book_no, c.issued_on
        FROM parcels p LEFT JOIN certificates c ON c.parcel_id = p.parcel_id
        """;
    const string PurposeSelect = "SELECT x.parcel_id, x.code, x.area_m2 FROM parcel_purposes x JOIN parcels p ON p.parcel_id = x.parcel_id";
    const string OwnerSelect = """
        SELECT o.parcel_id, o.seq, o.full_name, o.birth_date, o.birth_year, o.gender, o.id_number, o.share,
               r.id_number IS NOT NULL, r.full_name, r.birth_date, r.gender, r.status = 'deceased'
        FROM owners o JOIN parcels p ON p.parcel_id = o.parcel_id
        LEFT JOIN population_records r ON r.id_number = o.id_number
        """;

    /// <summary>
    /// The parcels of every commune (or of <paramref name="onlyCommune"/>) except <paramref name="skipCommunes"/>,
    /// one commune per batch.
    /// </summary>
    public static async IAsyncEnumerable<(string Commune, List<ParcelFacts> Parcels)> ReadByCommuneAsync(NpgsqlDataSource db,
        string? onlyCommune, IReadOnlyCollection<string> skipCommunes, CrossRecordFacts cross, DateOnly evaluatedOn,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var filter = "p.commune_code <> ALL($2::character(5)[])" + (onlyCommune is null ? "" : " AND p.commune_code = $1::character(5)");
        // The same sort key in all three queries, so children arrive in their parcel's order.
        await using var parcels = await OpenAsync(db, $"{ParcelSelect} WHERE {filter} ORDER BY p.commune_code, p.parcel_id", onlyCommune, skipCommunes, ct);
        await using var purposes = await OpenAsync(db, $"{PurposeSelect} WHERE {filter} ORDER BY p.commune_code, x.parcel_id, x.seq", onlyCommune, skipCommunes, ct);
        await using var owners = await OpenAsync(db, $"{OwnerSelect} WHERE {filter} ORDER BY p.commune_code, o.parcel_id, o.seq", onlyCommune, skipCommunes, ct);
        var hasPurpose = await purposes.Reader.ReadAsync(ct);
        var hasOwner = await owners.Reader.ReadAsync(ct);
        string? commune = null;
        var batch = new List<ParcelFacts>();
        while (await parcels.Reader.ReadAsync(ct))
        {
            var id = parcels.Reader.GetString(0);
            var purposeList = new List<PurposeFacts>(2);
            while (hasPurpose && purposes.Reader.GetString(0) == id)
            {
                purposeList.Add(Purpose(purposes.Reader));
                hasPurpose = await purposes.Reader.ReadAsync(ct);
            }
            var ownerList = new List<OwnerFacts>(2);
            while (hasOwner && owners.Reader.GetString(0) == id)
            {
                ownerList.Add(Owner(owners.Reader, cross));
                hasOwner = await owners.Reader.ReadAsync(ct);
            }
            var facts = Parcel(parcels.Reader, purposeList, ownerList, cross, evaluatedOn);
            if (commune is not null && facts.CommuneCode != commune)
            {
                yield return (commune, batch);
                batch = [];
            }
            commune = facts.CommuneCode;
            batch.Add(facts);
        }
        if (hasPurpose || hasOwner)
            throw new InvalidOperationException("Purposes or owners arrived out of their parcels' order; the database's sort is not consistent.");
        if (commune is not null)
            yield return (commune, batch);
    }

    /// <summary>One parcel with everything it needs, for re-evaluation after a correction.</summary>
    public static async Task<ParcelFacts?> ReadParcelAsync(NpgsqlDataSource db, string parcelId, CrossRecordFacts cross,
        DateOnly evaluatedOn, CancellationToken ct)
    {
        var purposes = new List<PurposeFacts>();
        await using (var cmd = Command(db, $"{PurposeSelect} WHERE p.parcel_id = $1 ORDER BY x.seq", parcelId))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                purposes.Add(Purpose(r));
        var owners = new List<OwnerFacts>();
        await using (var cmd = Command(db, $"{OwnerSelect} WHERE p.parcel_id = $1 ORDER BY o.seq", parcelId))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                owners.Add(Owner(r, cross));
        await using (var cmd = Command(db, $"{ParcelSelect} WHERE p.parcel_id = $1", parcelId))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            return await r.ReadAsync(ct) ? Parcel(r, purposes, owners, cross, evaluatedOn) : null;
    }

    static PurposeFacts Purpose(NpgsqlDataReader r) => new(r.GetString(1), Nullable<decimal>(r, 2));

    static OwnerFacts Owner(NpgsqlDataReader r, CrossRecordFacts cross)
    {
        var id = Text(r, 6);
        return new OwnerFacts
        {
            Seq = r.GetInt32(1), FullName = r.GetString(2), BirthDate = Nullable<DateOnly>(r, 3),
            BirthYear = Nullable<int>(r, 4), Gender = Text(r, 5), IdNumber = id, Share = Nullable<decimal>(r, 7),
            RegistryFound = r.GetBoolean(8), RegistryFullName = Text(r, 9), RegistryBirthDate = Nullable<DateOnly>(r, 10),
            RegistryGender = Text(r, 11), RegistryDeceased = !r.IsDBNull(12) && r.GetBoolean(12),
            NamesForIdNumber = cross.NamesForIdNumber(id),
        };
    }

    static ParcelFacts Parcel(NpgsqlDataReader r, List<PurposeFacts> purposes, List<OwnerFacts> owners, CrossRecordFacts cross, DateOnly evaluatedOn)
    {
        var commune = r.GetString(1);
        var sheet = Nullable<int>(r, 2);
        var no = Nullable<int>(r, 3);
        return new ParcelFacts
        {
            ParcelId = r.GetString(0), CommuneCode = commune, MapSheet = sheet, ParcelNo = no, Address = Text(r, 4),
            AreaM2 = Nullable<decimal>(r, 5), LegalAreaM2 = Nullable<decimal>(r, 6), LandUseTerm = Text(r, 7),
            LandUseOrigin = Text(r, 8), GeometryWkt = Text(r, 9), UpdatedOn = Nullable<DateOnly>(r, 10),
            HasCertificate = r.GetBoolean(11), CertificateSerial = Text(r, 12), CertificateBookNo = Text(r, 13),
            CertificateIssuedOn = Nullable<DateOnly>(r, 14),
            Purposes = purposes,
            PurposeAreaSum = purposes.Exists(p => p.AreaM2 is not null) ? purposes.Sum(p => p.AreaM2 ?? 0) : null,
            Owners = owners,
            DuplicateKeyCount = cross.DuplicateKeyCount(commune, sheet, no),
            EvaluatedOn = evaluatedOn,
        };
    }

    static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    static T? Nullable<T>(NpgsqlDataReader r, int i) where T : struct => r.IsDBNull(i) ? null : r.GetFieldValue<T>(i);

    static NpgsqlCommand Command(NpgsqlDataSource db, string sql, string value)
    {
        var cmd = db.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        return cmd;
    }

    /// <summary>A reader with its own connection, so the three streams can be open at once.</summary>
    static async Task<OpenReader> OpenAsync(NpgsqlDataSource db, string sql, string? onlyCommune, IReadOnlyCollection<string> skip, CancellationToken ct)
    {
        var conn = await db.OpenConnectionAsync(ct);
        var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = onlyCommune });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = skip.ToArray() });
        return new OpenReader(conn, cmd, await cmd.ExecuteReaderAsync(ct));
    }

    sealed record OpenReader(NpgsqlConnection Connection, NpgsqlCommand Command, NpgsqlDataReader Reader) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Reader.DisposeAsync();
            await Command.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
