using LandQuality.Data;
using Npgsql;

namespace LandQuality.Imports;

/// <summary>Writes an import's refused rows as CSV (file, line, column, reason, raw_line), in file and line order.</summary>
public static class RejectReport
{
    public static Task WriteAsync(NpgsqlDataSource db, long importId, string path, CancellationToken ct) =>
        CsvExport.ToFileAsync(db,
            "SELECT file_name AS file, line, column_name AS column, reason, raw_line FROM import_rejects " +
            $"WHERE import_id = {importId} ORDER BY file_name, line", path, ct);
}
