using LandQuality.Data;
using Npgsql;

namespace LandQuality.Rules.Facts;

/// <summary>A parcel with its certificate as the facts reader selects it: the columns, and the parcel's facts built from them.</summary>
static class ParcelRow
{
    static readonly ColumnList Columns = new(
        "p.parcel_id", "p.commune_code", "p.map_sheet", "p.parcel_no", "p.address", "p.area_m2", "p.legal_area_m2",
        "p.land_use_term", "p.land_use_origin", "p.geometry_wkt", "p.updated_on",
        "c.parcel_id IS NOT NULL AS has_certificate", "c.serial", "c.book_no", "c.issued_on");

    public static readonly string Select = $"SELECT {Columns.Sql} FROM parcels p LEFT JOIN certificates c ON c.parcel_id = p.parcel_id";

    public static readonly int ParcelId = Columns["parcel_id"];
    static readonly int CommuneCode = Columns["commune_code"], MapSheet = Columns["map_sheet"], ParcelNo = Columns["parcel_no"],
        Address = Columns["address"], AreaM2 = Columns["area_m2"], LegalAreaM2 = Columns["legal_area_m2"],
        LandUseTerm = Columns["land_use_term"], LandUseOrigin = Columns["land_use_origin"], GeometryWkt = Columns["geometry_wkt"],
        UpdatedOn = Columns["updated_on"], HasCertificate = Columns["has_certificate"], Serial = Columns["serial"],
        BookNo = Columns["book_no"], IssuedOn = Columns["issued_on"];

    /// <summary>The parcel of the reader's current row, with its purposes and owners (already read) and the facts of the whole set.</summary>
    public static ParcelFacts Read(NpgsqlDataReader r, string parcelId, PurposeFacts[] purposes, OwnerFacts[] owners, CrossRecordFacts cross,
        DateOnly evaluatedOn, SharedStrings shared)
    {
        var commune = shared.Get(r.GetString(CommuneCode));
        var sheet = r.GetValueOrNull<int>(MapSheet);
        var no = r.GetValueOrNull<int>(ParcelNo);
        return new ParcelFacts
        {
            ParcelId = parcelId, CommuneCode = commune, MapSheet = sheet, ParcelNo = no, Address = r.GetStringOrNull(Address),
            AreaM2 = r.GetValueOrNull<decimal>(AreaM2), LegalAreaM2 = r.GetValueOrNull<decimal>(LegalAreaM2),
            LandUseTerm = r.GetStringOrNull(LandUseTerm), LandUseOrigin = r.GetStringOrNull(LandUseOrigin), GeometryWkt = r.GetStringOrNull(GeometryWkt),
            UpdatedOn = r.GetValueOrNull<DateOnly>(UpdatedOn),
            HasCertificate = r.GetBoolean(HasCertificate), CertificateSerial = r.GetStringOrNull(Serial), CertificateBookNo = r.GetStringOrNull(BookNo),
            CertificateIssuedOn = r.GetValueOrNull<DateOnly>(IssuedOn),
            Purposes = purposes,
            PurposeAreaSum = Array.Exists(purposes, p => p.AreaM2 is not null) ? purposes.Sum(p => p.AreaM2 ?? 0) : null,
            Owners = owners,
            DuplicateKeyCount = cross.DuplicateKeyCount(commune, sheet, no),
            EvaluatedOn = evaluatedOn,
        };
    }
}
