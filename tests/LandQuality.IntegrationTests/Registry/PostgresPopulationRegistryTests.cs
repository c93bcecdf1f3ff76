using LandQuality.Imports;
using LandQuality.IntegrationTests.Imports;
using LandQuality.Registry;

namespace LandQuality.IntegrationTests.Registry;

public sealed class PostgresPopulationRegistryTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_snapshot_answers_single_and_bulk_lookups_from_an_imported_registry_file()
    {
        using var files = new ImportFixtureFiles().Population(
            "046080000001,Nguyễn Văn An,1980-02-03,M,Phú Xuân,alive",
            "046182000002,Trần Thị Bình,1982-07-08,F,,deceased");
        await new Importer(db.Database).RunAsync(files.Directory, "test", null, CancellationToken.None);
        await using var context = db.Database.CreateContext();
        var registry = new PostgresPopulationRegistry(context);

        var one = await registry.FindAsync("046182000002", CancellationToken.None);
        var many = await registry.FindManyAsync(["046080000001", "046182000002", "000000000000"], CancellationToken.None);

        Assert.NotNull(one);
        Assert.Equal(("Trần Thị Bình", LifeStatus.Deceased, new DateOnly(1982, 7, 8)), (one.FullName, one.Status, one.BirthDate!.Value));
        Assert.Equal(["046080000001", "046182000002"], many.Keys.Order(StringComparer.Ordinal));
        Assert.Null(await registry.FindAsync("999999999999", CancellationToken.None));
    }
}
