using LandQuality.Data;
using LandQuality.IntegrationTests.Rules;
using LandQuality.Rules.Facts;
using Npgsql;

namespace LandQuality.IntegrationTests.Data;

/// <summary>Reads of a list of parcels (an incremental run's, a partition's) find their rows by key.</summary>
public sealed class KeyProbesTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    /// <summary>The reader's statements for a list of parcels ($1 the ids), as ParcelFactsReader builds them.</summary>
    static readonly string[] ReadsOfParcels =
    [
        $"{ParcelRow.Select} WHERE p.parcel_id > '' AND p.parcel_id = ANY($1) AND p.retired_at IS NULL ORDER BY p.parcel_id",
        $"{PurposeRow.Select} WHERE x.parcel_id > '' AND x.parcel_id = ANY($1) ORDER BY x.parcel_id, x.seq",
        $"{OwnerRow.SelectColumns} FROM owners o WHERE o.parcel_id > '' AND o.parcel_id = ANY($1) ORDER BY o.parcel_id, o.seq",
    ];

    [Fact]
    public async Task A_tenth_of_the_parcels_streams_through_the_primary_keys_where_the_planner_would_scan_whole_tables()
    {
        var db = data.Db.Database.DataSource;
        string[] ids;
        await using (var cmd = db.CreateCommand("SELECT array_agg(parcel_id) FROM parcels WHERE abs(hashtext(parcel_id)) % 10 = 3"))
            ids = (string[])(await cmd.ExecuteScalarAsync())!;
        await using var conn = await db.OpenConnectionAsync();

        foreach (var sql in ReadsOfParcels)
        {
            // What the probes are there for: left to itself the planner scans (and hashes) whole tables for a tenth of their rows.
            Assert.Contains("Seq Scan", await PlanAsync(conn, null, sql, ids));
            await using var tx = await KeyProbes.BeginAsync(conn, CancellationToken.None);
            var probed = await PlanAsync(conn, tx, sql, ids);
            Assert.DoesNotContain("Seq Scan", probed);
            Assert.DoesNotContain("Hash", probed);
            // Streamed in key order as the index gives the rows: no bitmap collecting them first, no sort after.
            Assert.DoesNotContain("Bitmap", probed);
            Assert.DoesNotContain("Sort", probed);
            Assert.Contains("Index Scan using pk_", probed);
        }
    }

    static async Task<string> PlanAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, string[] ids)
    {
        await using var cmd = new NpgsqlCommand($"EXPLAIN {sql}", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids });
        var lines = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            lines.Add(r.GetString(0));
        return string.Join('\n', lines);
    }
}
