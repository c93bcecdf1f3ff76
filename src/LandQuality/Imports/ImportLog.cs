using Npgsql;

namespace LandQuality.Imports;

/// <summary>
/// The imports table: every run is recorded as it starts (who, when, from where) and closed with its
/// outcome and per-file counts and fingerprints, so an auditor can trace any record to its source.
/// </summary>
static class ImportLog
{
    /// <summary>Records the import under the id its lease reserved (<see cref="Data.JobLease"/>).</summary>
    public static async Task StartAsync(NpgsqlDataSource db, long importId, string importedBy, string source, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "INSERT INTO imports (id, imported_by, source, started_at, status) VALUES ($1, $2, $3, now(), 'Running')");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = importId });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = importedBy });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = source });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Records the files and closes the import, on the merge's connection inside its transaction.</summary>
    public static async Task CompleteAsync(NpgsqlConnection conn, long importId, IEnumerable<StagedFile> staged,
        IReadOnlyList<FileSummary> summaries, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn);
        foreach (var file in staged)
        {
            var s = summaries.Single(x => x.FileName == file.FileName);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "INSERT INTO import_files (import_id, file_name, sha256, bytes, rows_read, rows_loaded, rows_rejected) " +
                "VALUES ($1, $2, $3, $4, $5, $6, $7)")
            {
                Parameters =
                {
                    new NpgsqlParameter<long> { TypedValue = importId }, new NpgsqlParameter<string> { TypedValue = file.FileName },
                    new NpgsqlParameter<string> { TypedValue = file.Sha256 }, new NpgsqlParameter<long> { TypedValue = file.Bytes },
                    new NpgsqlParameter<long> { TypedValue = s.RowsRead }, new NpgsqlParameter<long> { TypedValue = s.RowsLoaded },
                    new NpgsqlParameter<long> { TypedValue = s.RowsRejected },
                },
            });
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE imports SET status = 'Completed', finished_at = now() WHERE id = $1")
        {
            Parameters = { new NpgsqlParameter<long> { TypedValue = importId } },
        });
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs even when the import was cancelled, so no run is left looking as if it were still going. A completed import stays completed.</summary>
    public static async Task FailAsync(NpgsqlDataSource db, long importId, string error)
    {
        await using var cmd = db.CreateCommand("UPDATE imports SET status = 'Failed', finished_at = now(), error = $2 WHERE id = $1 AND status = 'Running'");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = importId });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = error });
        await cmd.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
