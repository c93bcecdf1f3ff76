namespace LandQuality.Interchange;

/// <summary>
/// What no row of any interchange file may hold, checked before its fields are parsed: a NUL
/// character, which PostgreSQL's text type cannot store (one would abort the whole COPY, and with it
/// every good row of the import), and a field longer than any real value of its column, which is junk
/// or an attack on the database's size. Such a row is refused with its line and column; the rest of
/// the file is kept.
/// </summary>
public static class RecordLimits
{
    /// <summary>An address, a name or a code is far shorter: the longest real Vietnamese address is about 200 characters.</summary>
    public const int MaxFieldLength = 1_000;

    /// <summary>A parcel outline of several thousand vertices; cadastral parcels have tens.</summary>
    public const int MaxGeometryLength = 200_000;

    public static RowError? Check(CsvRecord record, CsvHeader header)
    {
        var fields = record.Fields;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var column = header.NameOf(i);
            if (field.Contains('\0', StringComparison.Ordinal))
                return new RowError(record.FirstLine, column, $"{column ?? $"field {i + 1}"} contains a NUL character (byte 0), which no text may hold");
            var max = column == "geometry_wkt" ? MaxGeometryLength : MaxFieldLength;
            if (field.Length > max)
                return new RowError(record.FirstLine, column, $"{column ?? $"field {i + 1}"} has {field.Length:N0} characters; at most {max:N0} are accepted");
        }
        return null;
    }

    /// <summary>A refused row's text as the reject report may store and show it: NUL made visible (␀).</summary>
    public static string Printable(string raw) => raw.Replace('\0', '\u2400');
}
