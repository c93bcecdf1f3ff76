using Npgsql;

namespace LandQuality.Imports;

/// <summary>Writes an import's refused rows as CSV (file, line, column, reason, raw_line), in file and line order.</summary>
public static class RejectReport
{
    public static async Task WriteAsync(NpgsqlDataSource db, long importId, string path, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var conn = await db.OpenConnectionAsync(ct);
        // The import id is a number we produced, so formatting it into COPY (which takes no parameters) is safe.
        using var export = await conn.BeginTextExportAsync(
            $"COPY (SELECT file_name AS file, line, column_name AS column, reason, raw_line FROM import_rejects " +
            $"WHERE import_id = {importId} ORDER BY file_name, line) TO STDOUT (FORMAT csv, HEADER)", ct);
        await using var file = new StreamWriter(path);
        var buffer = new char[1 << 16];
        int n;
        while ((n = await export.ReadAsync(buffer, ct)) > 0)
            await file.WriteAsync(buffer.AsMemory(0, n), ct);
    }
}
