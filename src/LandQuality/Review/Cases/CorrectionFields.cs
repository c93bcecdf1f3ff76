using System.Globalization;
using System.Text.RegularExpressions;
using LandQuality.Interchange;
using Npgsql;

namespace LandQuality.Review.Cases;

/// <summary>
/// The fields a reviewer may correct, named as in the interchange files, with how to read and write
/// each. Values are checked with the import's own parsers, so a correction can never store what an
/// import would have refused.
/// </summary>
static partial class CorrectionFields
{
    sealed record Field(string Table, string Column, Func<string?, (bool Ok, object? Value, string? Why)> Parse);

    static readonly Dictionary<string, Field> ParcelFields = new(StringComparer.Ordinal)
    {
        ["address"] = new("parcels", "address", v => (true, FieldParsers.Text(v ?? ""), null)),
        ["area_m2"] = new("parcels", "area_m2", Decimal),
        ["legal_area_m2"] = new("parcels", "legal_area_m2", Decimal),
        ["map_sheet"] = new("parcels", "map_sheet", Int),
        ["parcel_no"] = new("parcels", "parcel_no", Int),
        ["geometry_wkt"] = new("parcels", "geometry_wkt", v => (true, FieldParsers.Text(v ?? ""), null)),
        ["updated_on"] = new("parcels", "updated_on", Date),
        ["certificate_serial"] = new("certificates", "serial", v => (true, FieldParsers.Text(v ?? ""), null)),
        ["certificate_book_no"] = new("certificates", "book_no", v => (true, FieldParsers.Text(v ?? ""), null)),
        ["certificate_issued_on"] = new("certificates", "issued_on", Date),
    };

    static readonly Dictionary<string, Field> OwnerFields = new(StringComparer.Ordinal)
    {
        ["full_name"] = new("owners", "full_name", v => FieldParsers.Text(v ?? "") is { } t ? (true, t, null) : (false, null, "an owner needs a name")),
        ["gender"] = new("owners", "gender", v => FieldParsers.TryGender(v ?? "", out var g, out var why) ? (true, g, null) : (false, null, why)),
        ["id_number"] = new("owners", "id_number", v => (true, FieldParsers.Text(v ?? ""), null)),
        ["share"] = new("owners", "share", Decimal),
        ["birth_date"] = new("owners", "birth_date", v => FieldParsers.TryBirth(v ?? "", out var d, out var y, out var why) ? (true, (d, y), null) : (false, null, why)),
    };

    [GeneratedRegex(@"^owners\[(\d+)\]\.([a-z_]+)$")]
    private static partial Regex OwnerPath();

    /// <summary>Checks a field name and value; returns why not, or null when the correction can be stored.</summary>
    public static string? Check(string field, string? value)
    {
        var (f, _) = Resolve(field);
        if (f is null)
            return $"'{field}' is not a correctable field (parcel: {string.Join(", ", ParcelFields.Keys)}; owner: owners[N].{string.Join("|", OwnerFields.Keys)})";
        var (ok, _, why) = f.Parse(value);
        return ok ? null : $"{field}: {why}";
    }

    public static async Task<string?> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string parcelId, string field, CancellationToken ct)
    {
        var (sql, seq) = ValueSql(field, "$1", "$2");
        await using var cmd = new NpgsqlCommand($"SELECT {sql}", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parcelId });
        if (seq is { } s)
            cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = s });
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>
    /// The field's current value as text, as a scalar subquery for a larger statement (null when the
    /// owner does not exist); <paramref name="parcelSql"/> names the parcel, and an owner field's
    /// position is the parameter <paramref name="seqParameter"/>, whose value comes back as Seq.
    /// </summary>
    public static (string Sql, int? Seq) ValueSql(string field, string parcelSql, string seqParameter)
    {
        var (f, seq) = Resolve(field);
        var column = f!.Column == "birth_date" ? "coalesce(birth_date::text, birth_year::text)" : $"{f.Column}::text";
        return ($"(SELECT {column} FROM {f.Table} WHERE parcel_id = {parcelSql}" + (seq is null ? ")" : $" AND seq = {seqParameter})"), seq);
    }

    public static async Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string parcelId, string field, string? value, CancellationToken ct)
    {
        var (f, seq) = Resolve(field);
        var parsed = f!.Parse(value).Value;
        string sql;
        if (f.Table == "certificates")
            sql = $"INSERT INTO certificates (parcel_id, {f.Column}) VALUES ($1, $2) ON CONFLICT (parcel_id) DO UPDATE SET {f.Column} = EXCLUDED.{f.Column}";
        else if (f.Column == "birth_date")
            sql = "UPDATE owners SET birth_date = $2, birth_year = $4 WHERE parcel_id = $1 AND seq = $3";
        else
            sql = $"UPDATE {f.Table} SET {f.Column} = $2 WHERE parcel_id = $1" + (seq is null ? "" : " AND seq = $3");
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parcelId });
        if (parsed is ValueTuple<DateOnly?, int?> birth)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)birth.Item1 ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
            cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = seq!.Value });
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)birth.Item2 ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        }
        else
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = parsed ?? DBNull.Value });
            if (seq is { } s)
                cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = s });
        }
        if (await cmd.ExecuteNonQueryAsync(ct) == 0)
            throw new Queue.ReviewException($"{field} of parcel {parcelId} does not exist (no such owner?).");
    }

    static (Field? Field, int? Seq) Resolve(string field)
    {
        if (ParcelFields.TryGetValue(field, out var f))
            return (f, null);
        var m = OwnerPath().Match(field);
        return m.Success && OwnerFields.TryGetValue(m.Groups[2].Value, out var o)
            ? (o, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            : (null, null);
    }

    static (bool, object?, string?) Decimal(string? v) => FieldParsers.TryDecimal(v ?? "", out var d, out var why) ? (true, d, null) : (false, null, why);
    static (bool, object?, string?) Int(string? v) => FieldParsers.TryInt(v ?? "", out var i, out var why) ? (true, i, null) : (false, null, why);
    static (bool, object?, string?) Date(string? v) => FieldParsers.TryDate(v ?? "", out var d, out var why) ? (true, d, null) : (false, null, why);
}
