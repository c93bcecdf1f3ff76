using System.Globalization;
using LandQuality.Interchange;

namespace LandQuality.Review.Cases;

/// <summary>
/// The text forms of the corrections that replace more than one column: a parcel's land-use
/// purposes (<c>ODT:120;CLN:85.5</c>, exactly the <c>land_use</c> column of parcels.csv) and a whole
/// owner (<c>full_name=Nguyễn Văn A;birth_date=1980-02-03;gender=M;id_number=046080001234;share=</c>,
/// the columns of owners.csv). Values are read with the import's own parsers, so a correction can
/// never store what an import would have refused; the same form, written by <see cref="Format(OwnerRow)"/>
/// here and by <see cref="OwnerSql(string)"/> / <see cref="LandUseSql(string)"/> in PostgreSQL, is the before and
/// after of the correction, so the two compare as text.
/// </summary>
static class CorrectionText
{
    public static readonly string[] OwnerKeys = ["full_name", "birth_date", "gender", "id_number", "share"];
    static readonly CsvHeader OwnerHeader = CsvHeader.Parse(InterchangeFiles.OwnerColumns, InterchangeFiles.OwnerColumns, "owners.csv");
    static readonly OwnerRowParser OwnerParser = new(OwnerHeader);
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary><c>key=value</c> pairs separated by <c>;</c>, keys among <see cref="OwnerKeys"/>, each at most once; a key left out is empty.</summary>
    public static bool TryParseOwner(string? value, out OwnerRow? owner, out string? why)
    {
        owner = null;
        var fields = OwnerKeys.ToDictionary(k => k, _ => "", StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in (value ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? part : part[..eq].Trim();
            if (eq < 0 || !fields.ContainsKey(key))
            {
                why = $"'{part}' is not one of {string.Join(", ", OwnerKeys.Select(k => k + "=…"))}";
                return false;
            }
            if (!given.Add(key))
            {
                why = $"{key} is given twice";
                return false;
            }
            fields[key] = part[(eq + 1)..];
        }
        if (given.Count == 0)
        {
            why = $"give the owner as {string.Join(";", OwnerKeys.Select(k => k + "=…"))}";
            return false;
        }
        // The import's own row parser, on a row built from the pairs: the same checks, the same messages. The
        // parcel_id column, not part of an owner's text, gets a placeholder that passes as a parcel id.
        var record = new CsvRecord(1, 1, [.. InterchangeFiles.OwnerColumns.Select(c => fields.GetValueOrDefault(c, "P"))], value ?? "");
        owner = OwnerParser.Parse(record, out var error);
        why = error?.Reason;
        return owner is not null;
    }

    public static string Format(OwnerRow o) => string.Join(";",
        $"full_name={o.FullName}",
        $"birth_date={(o.BirthDate is { } d ? d.ToString("yyyy-MM-dd", Invariant) : o.BirthYear?.ToString(Invariant))}",
        $"gender={o.Gender}",
        $"id_number={o.IdNumber}",
        $"share={Plain(o.Share, 6)}");

    /// <summary><see cref="Format(OwnerRow)"/> in SQL, over the columns of the owner row <paramref name="row"/> (an owners row, or a staged one).</summary>
    public static string OwnerSql(string row) => $"""
        concat('full_name=', {row}.full_name, ';birth_date=', coalesce({row}.birth_date::text, {row}.birth_year::text), ';gender=', {row}.gender,
               ';id_number=', {row}.id_number, ';share=', trim_scale({row}.share)::text)
        """;

    public static bool TryParseLandUse(string? value, out IReadOnlyList<PurposeRow> purposes, out string? why) =>
        ParcelRowParser.TryLandUse(value ?? "", out purposes, out why);

    /// <summary>Null for no purposes, as <see cref="LandUseSql(string)"/> reads a parcel without any.</summary>
    public static string? Format(IReadOnlyList<PurposeRow> purposes) => purposes.Count == 0
        ? null
        : string.Join(";", purposes.Select(p => p.AreaM2 is null ? p.Code : $"{p.Code}:{Plain(p.AreaM2, 2)}"));

    /// <summary>A parcel's purposes in the land_use form; <paramref name="parcelSql"/> names the parcel.</summary>
    public static string LandUseSql(string parcelSql) =>
        $"(SELECT {PurposesSql} FROM parcel_purposes WHERE parcel_id = {parcelSql})";

    /// <summary>Staged purposes (the arrays of a stage_parcels row) in the land_use form.</summary>
    public static string LandUseSql(string codesSql, string areasSql) =>
        $"(SELECT {PurposesSql} FROM unnest({codesSql}, {areasSql}) WITH ORDINALITY AS u(code, area_m2, seq))";

    /// <summary>The aggregate over rows with columns code, area_m2 and seq; null for no rows.</summary>
    const string PurposesSql = "string_agg(code || coalesce(':' || trim_scale(area_m2)::text, ''), ';' ORDER BY seq)";

    /// <summary>Rounded to the column's scale as PostgreSQL stores it, without trailing zeros, as trim_scale writes it.</summary>
    static string? Plain(decimal? d, int scale) =>
        d is { } v ? Math.Round(v, scale, MidpointRounding.AwayFromZero).ToString("0.##########", Invariant) : null;
}
