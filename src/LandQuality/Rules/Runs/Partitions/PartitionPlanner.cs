using Npgsql;

namespace LandQuality.Rules.Runs.Partitions;

/// <summary>
/// Splits a background run into partitions: one per commune, and a commune larger than
/// the largest partition (<see cref="DefaultMaxParcels"/> unless told) into key ranges of about equal size (boundaries in code-point order, as the
/// reader sorts). Communes are the natural unit: a partition then touches one commune's progress row only,
/// so partitions of different communes never wait for each other's locks.
/// </summary>
static class PartitionPlanner
{
    /// <summary>
    /// Large enough that a partition's fixed costs (its transaction, reading its parcel list) are lost in its
    /// work, small enough that a worker killed half-way loses a few seconds, and a province gives every worker
    /// something to do (Huế: 1.12M parcels in about 40 partitions).
    /// </summary>
    public const int DefaultMaxParcels = 50_000;

    public static async Task<List<RunPartition>> PlanAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long runId, string? onlyCommune,
        int maxParcels, CancellationToken ct)
    {
        var communes = new List<(string Code, long Parcels)>();
        await using (var count = new NpgsqlCommand(
            "SELECT commune_code::text, count(*) FROM parcels WHERE retired_at IS NULL AND ($1::text IS NULL OR commune_code = $1::character(5)) " +
            "GROUP BY commune_code ORDER BY commune_code", conn, tx))
        {
            count.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = onlyCommune, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await using var r = await count.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                communes.Add((r.GetString(0), r.GetInt64(1)));
        }
        var partitions = new List<RunPartition>();
        foreach (var (code, parcels) in communes)
        {
            var pieces = (int)((parcels + maxParcels - 1) / maxParcels);
            if (pieces <= 1)
            {
                partitions.Add(New(code, null, null, parcels));
                continue;
            }
            var size = (parcels + pieces - 1) / pieces;
            string? after = null;
            long planned = 0;
            foreach (var boundary in await BoundariesAsync(conn, tx, code, size, ct))
            {
                partitions.Add(New(code, after, boundary, size));
                (after, planned) = (boundary, planned + size);
            }
            partitions.Add(New(code, after, null, parcels - planned));
        }
        return partitions;

        RunPartition New(string code, string? after, string? upTo, long planned) => new()
        {
            RunId = runId, PartitionNo = partitions.Count + 1, CommuneCode = code, AfterParcelId = after, UpToParcelId = upTo,
            PlannedParcels = planned, Status = PartitionStatus.Queued,
        };
    }

    /// <summary>Every <paramref name="size"/>-th live parcel of the commune, except its last one (the last range is open-ended).</summary>
    static async Task<List<string>> BoundariesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string commune, long size, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT parcel_id FROM (
                SELECT parcel_id, row_number() OVER (ORDER BY parcel_id COLLATE "C") AS n, count(*) OVER () AS total
                FROM parcels WHERE commune_code = $1::character(5) AND retired_at IS NULL) s
            WHERE n % $2 = 0 AND n < total ORDER BY n
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = commune });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = size });
        var boundaries = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            boundaries.Add(r.GetString(0));
        return boundaries;
    }
}
