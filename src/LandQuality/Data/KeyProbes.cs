using Npgsql;

namespace LandQuality.Data;

/// <summary>
/// A transaction whose statements find their rows by key: for reads of a few thousand parcels, owners or ID numbers
/// named in an array, out of a million and more. Given such an array the planner prefers reading the whole table
/// into a hash, or filtering a (parallel) scan of it through the hashed array, to probing the index: at Huế scale
/// that costs the server about three times the CPU of the probes, and the parallel workers take the cores the rest
/// of the run needs. Hash and merge joins, sequential scans and parallel workers are turned off for the transaction;
/// so are bitmap scans, which collect every row before the first is returned (and sort them again for a key-order
/// read): plain index scans stream their rows in key order, so a reader's first batch is on its way at once.
/// </summary>
public static class KeyProbes
{
    public static async Task<NpgsqlTransaction> BeginAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var tx = await conn.BeginTransactionAsync(ct);
        await using var plan = new NpgsqlCommand(
            "SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; " +
            "SET LOCAL enable_bitmapscan = off; SET LOCAL max_parallel_workers_per_gather = 0", conn, tx);
        await plan.ExecuteNonQueryAsync(ct);
        return tx;
    }
}
