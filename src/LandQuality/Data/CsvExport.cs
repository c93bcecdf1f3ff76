using Npgsql;

namespace LandQuality.Data;

/// <summary>Streams the result of a query to a CSV file with a header row, through PostgreSQL's own COPY.</summary>
public static class CsvExport
{
    /// <param name="select">A complete SELECT; COPY takes no parameters, so callers format only numbers they produced into it.</param>
    public static async Task ToFileAsync(NpgsqlDataSource db, string select, string path, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var conn = await db.OpenConnectionAsync(ct);
        using var export = await conn.BeginTextExportAsync($"COPY ({select}) TO STDOUT (FORMAT csv, HEADER)", ct);
        await using var file = new StreamWriter(path);
        var buffer = new char[1 << 16];
        int n;
        while ((n = await export.ReadAsync(buffer, ct)) > 0)
            await file.WriteAsync(buffer.AsMemory(0, n), ct);
    }
}
