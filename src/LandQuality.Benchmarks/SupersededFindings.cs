using System.Diagnostics;
using LandQuality.Data;

namespace LandQuality.Benchmarks;

/// <summary>
/// Deletes the benchmark database's findings of earlier runs that no parcel's status points to any more. Each
/// <c>lq bench evaluate</c> stores several full runs, about 900,000 findings each, and nothing prunes them, so the
/// database grew with every invocation and its figures drifted with it (docs/benchmarks.md). Run before the
/// measurements, untimed, each invocation starts from what one full run leaves. Only for the benchmark's own
/// database (<see cref="BenchDatabase.RequireOwnAsync"/>): a campaign's findings are its record.
/// </summary>
public static class SupersededFindings
{
    public static async Task PruneAsync(Database database, Action<string> log, CancellationToken ct)
    {
        await BenchDatabase.RequireOwnAsync(database.Batch, ct);
        var clock = Stopwatch.StartNew();
        await using var delete = database.Batch.CreateCommand(
            "DELETE FROM findings f WHERE NOT EXISTS (SELECT 1 FROM parcel_status s WHERE s.run_id = f.run_id)");
        var deleted = await delete.ExecuteNonQueryAsync(ct);
        if (deleted == 0)
            return;
        // The space is reused by the next runs' findings instead of the table growing on.
        await using var vacuum = database.Batch.CreateCommand("VACUUM findings");
        await vacuum.ExecuteNonQueryAsync(ct);
        log($"untimed: {deleted:N0} findings of superseded runs deleted in {clock.Elapsed.TotalSeconds:F1} s");
    }
}
