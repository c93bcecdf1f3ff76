namespace LandQuality.Audit;

/// <summary>
/// A parcel's state: SHA-256 over the text of every field an import or a correction can change — the
/// parcel's own columns, its land-use purposes, its certificate and its owners, each owner with its
/// number. <c>imported</c> and <c>correction_applied</c> entries record it (key <c>"state"</c>) as of
/// their transaction's end; <c>lq audit verify</c> computes it again and reports a parcel whose fields
/// no longer match the last recorded one: they were changed outside the product.
/// <para>
/// The text is one record in PostgreSQL's output form, lists nested as arrays of records: NULL and the
/// empty string differ, and no two different states read the same. Dates are day numbers (since
/// 2000-01-01): no session's DateStyle can change them, and they print much faster than formatted dates;
/// numbers print the same whatever the locale. Changing
/// anything here changes every state and so every recorded one would differ: give the new form a new
/// payload key instead.
/// </para>
/// Two shapes compute the same text: <see cref="AllSql"/> over the whole table with grouped merge joins
/// (a first import, verification), <see cref="Of"/> for one parcel with index lookups.
/// </summary>
public static class ParcelState
{
    const string Parcel = "p.commune_code, p.map_sheet, p.parcel_no, p.address, p.area_m2, p.legal_area_m2, p.land_use_term, " +
                          "p.land_use_origin, p.geometry_wkt, p.updated_on - DATE '2000-01-01'";
    const string Certificate = "c.serial, c.book_no, c.issued_on - DATE '2000-01-01'";
    const string Purposes = "array_agg(ROW(u.seq, u.code, u.area_m2) ORDER BY u.seq)";
    const string Owners = "array_agg(ROW(o.seq, o.full_name, o.birth_date - DATE '2000-01-01', o.birth_year, o.gender, o.id_number, o.share) ORDER BY o.seq)";

    static string Hash(string purposes, string owners) =>
        $"encode(sha256(convert_to(ROW({Parcel}, {purposes}, {Certificate}, {owners})::text, 'UTF8')), 'hex')";

    /// <summary>
    /// <c>parcel_id</c>, <c>import_id</c>, <c>state</c> of every parcel (join or filter <c>p</c> for fewer): each
    /// list aggregated once per parcel over its primary key, merge-joined in key order.
    /// </summary>
    public static readonly string AllSql = $"""
        SELECT p.parcel_id, p.import_id, {Hash("pu.list", "po.list")} AS state
        FROM parcels p
        LEFT JOIN (SELECT u.parcel_id, {Purposes} AS list FROM parcel_purposes u GROUP BY u.parcel_id) pu ON pu.parcel_id = p.parcel_id
        LEFT JOIN certificates c ON c.parcel_id = p.parcel_id
        LEFT JOIN (SELECT o.parcel_id, {Owners} AS list FROM owners o GROUP BY o.parcel_id) po ON po.parcel_id = p.parcel_id
        """;

    /// <summary>
    /// The state of the parcel whose id is the SQL expression <paramref name="parcelIdSql"/>, as a scalar subquery
    /// (NULL when there is no such parcel). The subquery names its own tables p, c, u and o: an outer table the
    /// expression refers to needs another alias.
    /// </summary>
    public static string Of(string parcelIdSql) => $"""
        (SELECT {Hash("(SELECT " + Purposes + " FROM parcel_purposes u WHERE u.parcel_id = p.parcel_id)",
                      "(SELECT " + Owners + " FROM owners o WHERE o.parcel_id = p.parcel_id)")}
         FROM parcels p LEFT JOIN certificates c ON c.parcel_id = p.parcel_id WHERE p.parcel_id = {parcelIdSql})
        """;
}
