using Npgsql;

namespace LandQuality.Data;

/// <summary>
/// Reads of columns that may be NULL, by ordinal (a row type's, see <see cref="ColumnList"/>) or by name.
/// The other reads by name are the framework's (<c>System.Data.DataReaderExtensions</c>: <c>GetString("name")</c>, <c>GetFieldValue&lt;T&gt;("name")</c>).
/// </summary>
public static class NullableColumns
{
    public static string? GetStringOrNull(this NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    public static T? GetValueOrNull<T>(this NpgsqlDataReader r, int ordinal) where T : struct => r.IsDBNull(ordinal) ? null : r.GetFieldValue<T>(ordinal);

    public static string? GetStringOrNull(this NpgsqlDataReader r, string name) => r.GetStringOrNull(r.GetOrdinal(name));

    public static T? GetValueOrNull<T>(this NpgsqlDataReader r, string name) where T : struct => r.GetValueOrNull<T>(r.GetOrdinal(name));
}
