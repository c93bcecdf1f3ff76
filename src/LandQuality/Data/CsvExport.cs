using Npgsql;

namespace LandQuality.Data;

/// <summary>
/// Streams the result of a query to a CSV file with a header row, through PostgreSQL's own COPY.
/// Every text cell that a spreadsheet would read as a formula — starting with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, a tab or a carriage return — is written with a leading <c>'</c>, so a value that
/// came from an imported file (a parcel id, an owner's name inside a message) cannot run when an
/// officer opens the export. Numbers and dates are left as they are: they are typed, never formulas.
/// </summary>
public static class CsvExport
{
    /// <param name="select">A complete SELECT; COPY takes no parameters, so callers format only numbers they produced into it.</param>
    public static async Task ToFileAsync(NpgsqlDataSource db, string select, string path, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var conn = await db.OpenConnectionAsync(ct);
        var safe = await NeutralisedAsync(conn, select, ct);
        using var export = await conn.BeginTextExportAsync($"COPY ({safe}) TO STDOUT (FORMAT csv, HEADER)", ct);
        await using var file = new StreamWriter(path);
        var buffer = new char[1 << 16];
        int n;
        while ((n = await export.ReadAsync(buffer, ct)) > 0)
            await file.WriteAsync(buffer.AsMemory(0, n), ct);
    }

    /// <summary>The query with each of its text columns wrapped in the neutralising expression, names and order kept.</summary>
    public static async Task<string> NeutralisedAsync(NpgsqlConnection conn, string select, CancellationToken ct)
    {
        await using var describe = new NpgsqlCommand($"SELECT * FROM ({select}) AS q LIMIT 0", conn);
        await using var reader = await describe.ExecuteReaderAsync(ct);
        var columns = await reader.GetColumnSchemaAsync(ct);
        var list = columns.Select(c =>
        {
            var name = Quote(c.ColumnName);
            return c.DataTypeName is "text" or "character varying" or "character" or "name" or "json" or "jsonb"
                ? $"CASE WHEN q.{name}::text ~ '^[=+@\\t\\r-]' THEN '''' || q.{name}::text ELSE q.{name}::text END AS {name}"
                : $"q.{name}";
        });
        return $"SELECT {string.Join(", ", list)} FROM ({select}) AS q";
    }

    /// <summary>One quoted CSV cell written in C# (a file built from lines in memory), neutralised as the COPY export neutralises its text.</summary>
    public static string Cell(string value)
    {
        var safe = value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
