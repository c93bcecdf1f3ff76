using LandQuality.Interchange;
using Npgsql;
using NpgsqlTypes;

namespace LandQuality.Imports;

/// <summary>
/// Session-private staging tables that binary COPY fills at full speed before one set-based merge
/// moves the rows into the real tables. Staging keeps the source line of each row so that problems
/// found only set-wide (duplicate keys, owners of unknown parcels) are still reported by line.
/// </summary>
static class StagingTables
{
    public const string CreateSql = """
        CREATE TEMP TABLE stage_parcels (
            line bigint NOT NULL, parcel_id text NOT NULL, commune_code text NOT NULL, map_sheet int, parcel_no int,
            address text, area_m2 numeric, legal_area_m2 numeric, land_use_term text, land_use_origin text,
            geometry_wkt text, updated_on date, certificate_serial text, certificate_book_no text,
            certificate_issued_on date, purpose_codes text[] NOT NULL, purpose_areas numeric[] NOT NULL);
        CREATE TEMP TABLE stage_owners (
            line bigint NOT NULL, parcel_id text NOT NULL, full_name text NOT NULL, birth_date date, birth_year int,
            gender text, id_number text, share numeric);
        CREATE TEMP TABLE stage_population (
            line bigint NOT NULL, id_number text NOT NULL, full_name text NOT NULL, birth_date date, gender text,
            permanent_address text, status text NOT NULL);
        CREATE TEMP TABLE stage_ownerless (parcel_id text NOT NULL);
        CREATE TEMP TABLE orphan_parcels (parcel_id text NOT NULL);
        """;

    public const string CopyParcels = "COPY stage_parcels (line, parcel_id, commune_code, map_sheet, parcel_no, address, area_m2, " +
        "legal_area_m2, land_use_term, land_use_origin, geometry_wkt, updated_on, certificate_serial, certificate_book_no, " +
        "certificate_issued_on, purpose_codes, purpose_areas) FROM STDIN (FORMAT BINARY)";
    public const string CopyOwners = "COPY stage_owners (line, parcel_id, full_name, birth_date, birth_year, gender, id_number, share) " +
        "FROM STDIN (FORMAT BINARY)";
    public const string CopyPopulation = "COPY stage_population (line, id_number, full_name, birth_date, gender, permanent_address, status) " +
        "FROM STDIN (FORMAT BINARY)";

    /// <summary>Parcels of parcels.csv that owners.csv gives no owner any more (<see cref="FileStager.Ownerless"/>).</summary>
    public static async Task WriteOwnerlessAsync(NpgsqlConnection conn, IReadOnlyList<string> parcelIds, CancellationToken ct)
    {
        if (parcelIds.Count == 0)
            return;
        await using var w = await conn.BeginBinaryImportAsync("COPY stage_ownerless (parcel_id) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var id in parcelIds)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(id, NpgsqlDbType.Text, ct);
        }
        await w.CompleteAsync(ct);
    }

    public static void Write(NpgsqlBinaryImporter w, long line, ParcelRow r)
    {
        w.StartRow();
        w.Write(line, NpgsqlDbType.Bigint);
        w.Write(r.ParcelId, NpgsqlDbType.Text);
        w.Write(r.CommuneCode, NpgsqlDbType.Text);
        Value(w, r.MapSheet, NpgsqlDbType.Integer);
        Value(w, r.ParcelNo, NpgsqlDbType.Integer);
        Text(w, r.Address);
        Value(w, r.AreaM2, NpgsqlDbType.Numeric);
        Value(w, r.LegalAreaM2, NpgsqlDbType.Numeric);
        Text(w, r.LandUseTerm);
        Text(w, r.LandUseOrigin);
        Text(w, r.GeometryWkt);
        Value(w, r.UpdatedOn, NpgsqlDbType.Date);
        Text(w, r.CertificateSerial);
        Text(w, r.CertificateBookNo);
        Value(w, r.CertificateIssuedOn, NpgsqlDbType.Date);
        // Purposes travel as two parallel arrays so one COPY carries the whole row; the merge unnests them.
        var codes = new string[r.Purposes.Count];
        var areas = new decimal?[r.Purposes.Count];
        for (var i = 0; i < codes.Length; i++)
            (codes[i], areas[i]) = (r.Purposes[i].Code, r.Purposes[i].AreaM2);
        w.Write(codes, NpgsqlDbType.Array | NpgsqlDbType.Text);
        w.Write(areas, NpgsqlDbType.Array | NpgsqlDbType.Numeric);
    }

    public static void Write(NpgsqlBinaryImporter w, long line, OwnerRow r)
    {
        w.StartRow();
        w.Write(line, NpgsqlDbType.Bigint);
        w.Write(r.ParcelId, NpgsqlDbType.Text);
        w.Write(r.FullName, NpgsqlDbType.Text);
        Value(w, r.BirthDate, NpgsqlDbType.Date);
        Value(w, r.BirthYear, NpgsqlDbType.Integer);
        Text(w, r.Gender);
        Text(w, r.IdNumber);
        Value(w, r.Share, NpgsqlDbType.Numeric);
    }

    public static void Write(NpgsqlBinaryImporter w, long line, PopulationRow r)
    {
        w.StartRow();
        w.Write(line, NpgsqlDbType.Bigint);
        w.Write(r.IdNumber, NpgsqlDbType.Text);
        w.Write(r.FullName, NpgsqlDbType.Text);
        Value(w, r.BirthDate, NpgsqlDbType.Date);
        Text(w, r.Gender);
        Text(w, r.PermanentAddress);
        w.Write(r.Status == Registry.LifeStatus.Deceased ? "deceased" : "alive", NpgsqlDbType.Text);
    }

    static void Text(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null)
            w.WriteNull();
        else
            w.Write(value, NpgsqlDbType.Text);
    }

    static void Value<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v)
            w.Write(v, type);
        else
            w.WriteNull();
    }
}
