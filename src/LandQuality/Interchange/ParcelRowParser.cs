using LandQuality.Reference;

namespace LandQuality.Interchange;

/// <summary>
/// Turns a record of parcels.csv into a <see cref="ParcelRow"/>, or says which column is wrong and
/// why. Only what makes a row unreadable is refused here (unknown commune, bad numbers, dates, or
/// land-use syntax); data-quality defects such as a missing serial are kept for the rules.
/// </summary>
public sealed class ParcelRowParser
{
    readonly CsvHeader _h;
    readonly int _id, _commune, _sheet, _no, _address, _area, _legal, _landUse, _serial, _book, _issued, _wkt, _updated, _term, _origin;

    public ParcelRowParser(CsvHeader header)
    {
        _h = header;
        _id = header.IndexOf("parcel_id");
        _commune = header.IndexOf("commune_code");
        _sheet = header.IndexOf("map_sheet");
        _no = header.IndexOf("parcel_no");
        _address = header.IndexOf("address");
        _area = header.IndexOf("area_m2");
        _legal = header.IndexOf("legal_area_m2");
        _landUse = header.IndexOf("land_use");
        _serial = header.IndexOf("certificate_serial");
        _book = header.IndexOf("certificate_book_no");
        _issued = header.IndexOf("certificate_issued_on");
        _wkt = header.IndexOf("geometry_wkt");
        _updated = header.IndexOf("updated_on");
        _term = header.OptionalIndexOf("land_use_term");
        _origin = header.OptionalIndexOf("land_use_origin");
    }

    public ParcelRow? Parse(CsvRecord record, out RowError? error)
    {
        var f = record.Fields;
        error = null;
        if (f.Count != _h.Count)
            return RowError.Reject<ParcelRow>(record, null, $"the row has {f.Count} fields, the header has {_h.Count}", out error);
        if (!FieldParsers.TryParcelId(f[_id], out var parcelId, out var why))
            return RowError.Reject<ParcelRow>(record, "parcel_id", why!, out error);
        var commune = FieldParsers.Text(f[_commune]);
        if (commune is null)
            return RowError.Reject<ParcelRow>(record, "commune_code", "commune_code is empty", out error);
        if (!ReferenceData.Current.Communes.ContainsKey(commune))
            return RowError.Reject<ParcelRow>(record, "commune_code", $"commune_code '{commune}' is not a commune code of reference version {ReferenceData.CurrentVersion}", out error);
        if (!FieldParsers.TryInt(f[_sheet], out var sheet, out why))
            return RowError.Reject<ParcelRow>(record, "map_sheet", $"map_sheet {why}", out error);
        if (!FieldParsers.TryInt(f[_no], out var no, out why))
            return RowError.Reject<ParcelRow>(record, "parcel_no", $"parcel_no {why}", out error);
        if (!FieldParsers.TryDecimal(f[_area], out var area, out why))
            return RowError.Reject<ParcelRow>(record, "area_m2", $"area_m2 {why}", out error);
        if (!FieldParsers.TryDecimal(f[_legal], out var legal, out why))
            return RowError.Reject<ParcelRow>(record, "legal_area_m2", $"legal_area_m2 {why}", out error);
        if (!TryLandUse(f[_landUse], out var purposes, out why))
            return RowError.Reject<ParcelRow>(record, "land_use", $"land_use {why}", out error);
        if (!FieldParsers.TryDate(f[_issued], out var issued, out why))
            return RowError.Reject<ParcelRow>(record, "certificate_issued_on", $"certificate_issued_on {why}", out error);
        if (!FieldParsers.TryDate(f[_updated], out var updated, out why))
            return RowError.Reject<ParcelRow>(record, "updated_on", $"updated_on {why}", out error);

        return new ParcelRow(parcelId, commune, sheet, no, FieldParsers.Text(f[_address]), area, legal, purposes,
            FieldParsers.Text(f[_serial]), FieldParsers.Text(f[_book]), issued, FieldParsers.Text(f[_wkt]), updated,
            _term < 0 ? null : FieldParsers.Text(f[_term]), _origin < 0 ? null : FieldParsers.Text(f[_origin]));
    }

    /// <summary><c>CODE:area;CODE:area</c>. A code without an area is kept (the area is then missing).</summary>
    public static bool TryLandUse(string field, out IReadOnlyList<PurposeRow> purposes, out string? reason)
    {
        purposes = [];
        reason = null;
        if (FieldParsers.Text(field) is not { } text)
            return true;
        var list = new List<PurposeRow>(2);
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var code = (colon < 0 ? part : part[..colon]).Trim();
            if (code.Length is 0 or > 10 || !code.All(char.IsAsciiLetterOrDigit))
            {
                reason = $"'{part}' is not CODE:area (the code must be 1–10 letters or digits)";
                return false;
            }
            decimal? area = null;
            if (colon >= 0 && !FieldParsers.TryDecimal(part[(colon + 1)..], out area, out var why))
            {
                reason = $"purpose '{part}': area {why}";
                return false;
            }
            list.Add(new PurposeRow(code.ToUpperInvariant(), area));
        }
        purposes = list;
        return true;
    }
}
