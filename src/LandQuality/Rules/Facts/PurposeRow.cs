using LandQuality.Data;
using Npgsql;

namespace LandQuality.Rules.Facts;

/// <summary>A land-use purpose as the facts reader selects it: the columns, and the purpose's facts built from them.</summary>
static class PurposeRow
{
    static readonly ColumnList Columns = new("x.parcel_id", "x.code", "x.area_m2");

    public static readonly string Select = $"SELECT {Columns.Sql} FROM parcel_purposes x";

    public static readonly int ParcelId = Columns["parcel_id"];
    static readonly int Code = Columns["code"], AreaM2 = Columns["area_m2"];

    /// <summary>The purpose of the reader's current row; its code (a few dozen distinct values) shared.</summary>
    public static PurposeFacts Read(NpgsqlDataReader r, SharedStrings shared) =>
        new(r.GetStringOrNull(Code) is { } code ? shared.Get(code) : null, r.GetValueOrNull<decimal>(AreaM2));
}
