using System.Text.Json;
using LandQuality.Imports;
using LandQuality.Rules.Facts;
using Npgsql;

namespace LandQuality.IntegrationTests.Rules;

/// <summary>The run's key-order stream of parcel facts, against the single-parcel read that joins everything in SQL.</summary>
public sealed class FactsStreamTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    static readonly DateOnly Today = new(2026, 12, 1);

    [Fact]
    public async Task Streamed_facts_equal_what_each_parcels_own_read_gives()
    {
        var streamed = await StreamAsync(data.Db.Database.DataSource, batchSize: 700);

        Assert.Equal(GeneratedDataSet.Parcels, streamed.Count);
        Assert.Equal(streamed.Keys.Order(StringComparer.Ordinal), streamed.Keys);
        foreach (var id in streamed.Keys.Where((_, i) => i % 15 == 0))
        {
            var single = await ParcelFactsReader.ReadParcelAsync(data.Db.Database.DataSource, id, Today, CancellationToken.None);
            Assert.Equal(Json(single!), streamed[id]);
        }
    }

    [Fact]
    public async Task Children_of_a_missing_parcel_do_not_shift_their_neighbours_facts()
    {
        var before = await StreamAsync(data.Db.Database.DataSource, batchSize: 1000);
        var neighbour = before.Keys.ElementAt(100);
        // Sorts right after a real parcel: an owner and a purpose whose parcel does not exist.
        var orphan = neighbour + "x";
        await ExecAsync(data.Db.Database.DataSource,
            $"INSERT INTO owners (parcel_id, seq, full_name, import_id) SELECT '{orphan}', 1, 'Không Có Thửa', import_id FROM parcels WHERE parcel_id = '{neighbour}'; " +
            $"INSERT INTO parcel_purposes (parcel_id, seq, code) VALUES ('{orphan}', 1, 'ODT')");
        try
        {
            var after = await StreamAsync(data.Db.Database.DataSource, batchSize: 1000);
            Assert.Equal(before, after);
        }
        finally
        {
            await ExecAsync(data.Db.Database.DataSource,
                $"DELETE FROM owners WHERE parcel_id = '{orphan}'; DELETE FROM parcel_purposes WHERE parcel_id = '{orphan}'");
        }
    }

    [Fact]
    public async Task Keys_too_large_to_pack_are_counted_as_shared_like_any_other()
    {
        var source = (await StreamAsync(data.Db.Database.DataSource, batchSize: 1000)).Keys.First();
        // Two copies of one parcel under a key the packed count cannot hold (a negative sheet, a huge number), one under a packable key.
        string[] ids = [$"{source}-neg-a", $"{source}-neg-b", $"{source}-big"];
        await ExecAsync(data.Db.Database.DataSource,
            $"INSERT INTO parcels (parcel_id, commune_code, map_sheet, parcel_no, import_id) SELECT '{ids[0]}', commune_code, -3, 2000000000, import_id FROM parcels WHERE parcel_id = '{source}'; " +
            $"INSERT INTO parcels (parcel_id, commune_code, map_sheet, parcel_no, import_id) SELECT '{ids[1]}', commune_code, -3, 2000000000, import_id FROM parcels WHERE parcel_id = '{source}'; " +
            $"INSERT INTO parcels (parcel_id, commune_code, map_sheet, parcel_no, import_id) SELECT '{ids[2]}', commune_code, 2097151, 4194303, import_id FROM parcels WHERE parcel_id = '{source}'");
        try
        {
            var setWide = await SetWideFacts.LoadAsync(data.Db.Database.DataSource, null, CancellationToken.None);
            var commune = (await ParcelFactsReader.ReadParcelAsync(data.Db.Database.DataSource, ids[0], Today, CancellationToken.None))!.CommuneCode;

            Assert.Equal(2, setWide.Cross.DuplicateKeyCount(commune, -3, 2000000000));
            Assert.Equal(1, setWide.Cross.DuplicateKeyCount(commune, 2097151, 4194303));
            var streamed = await StreamAsync(data.Db.Database.DataSource, batchSize: 1000);
            foreach (var id in ids)
                Assert.Equal(Json((await ParcelFactsReader.ReadParcelAsync(data.Db.Database.DataSource, id, Today, CancellationToken.None))!), streamed[id]);
        }
        finally
        {
            await ExecAsync(data.Db.Database.DataSource, $"DELETE FROM parcels WHERE parcel_id IN ('{string.Join("','", ids)}')");
        }
    }

    [Fact]
    public async Task A_database_with_another_collation_streams_the_same_facts()
    {
        // Not created by LandQuality: its text collation is not "C", so the reader has to ask for code-point order.
        await using var other = await TestPostgres.CreateDatabaseAsync("LC_COLLATE 'C.UTF-8'");
        await new Importer(other).RunAsync(data.Directory, "test", null, CancellationToken.None);

        Assert.Equal(await StreamAsync(data.Db.Database.DataSource, 1000), await StreamAsync(other.DataSource, 1000));
    }

    static async Task<Dictionary<string, string>> StreamAsync(NpgsqlDataSource db, int batchSize)
    {
        var setWide = await SetWideFacts.LoadAsync(db, null, CancellationToken.None);
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var batch in ParcelFactsReader.ReadAsync(db, setWide, null, null, Today, batchSize, CancellationToken.None))
        {
            Assert.InRange(batch.Count, 1, batchSize);
            foreach (var parcel in batch)
                facts.Add(parcel.ParcelId, Json(parcel));
        }
        return facts;
    }

    static string Json(ParcelFacts facts) => JsonSerializer.Serialize(facts);

    static async Task ExecAsync(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }
}
