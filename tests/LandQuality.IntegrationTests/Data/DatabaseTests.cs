using LandQuality.Reference;

namespace LandQuality.IntegrationTests.Data;

public sealed class DatabaseTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Opening_seeds_the_versioned_reference_data_once()
    {
        var version = ReferenceData.CurrentVersion;
        Assert.Equal(3321, await db.ScalarAsync($"SELECT count(*) FROM communes WHERE version = '{version}'"));
        Assert.Equal(34, await db.ScalarAsync($"SELECT count(*) FROM provinces WHERE version = '{version}'"));
        Assert.Equal(40, await db.ScalarAsync($"SELECT count(*) FROM communes WHERE version = '{version}' AND province_code = '46'"));
        Assert.Equal(63, await db.ScalarAsync($"SELECT count(*) FROM cccd_province_codes WHERE version = '{version}'"));
        Assert.True(await db.ScalarAsync($"SELECT count(*) FROM land_use_codes WHERE version = '{version}' AND is_legacy") > 0);

        // Opening again (every command does) must neither fail nor duplicate anything.
        await db.Database.MigrateAsync(CancellationToken.None);
        Assert.Equal(3321, await db.ScalarAsync("SELECT count(*) FROM communes"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM reference_versions"));
    }

    [Fact]
    public async Task Every_session_commits_durably_whatever_the_server_default()
    {
        // Only the database's owner may set its defaults.
        await using (var off = db.Database.Owner.CreateCommand(
            "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET synchronous_commit = off', current_database()); END $$"))
            await off.ExecuteNonQueryAsync();
        try
        {
            foreach (var source in new[] { db.Database.DataSource, db.Database.Stateless, db.Database.Quick })
            {
                // A new physical connection: the pool's open ones started before the default changed.
                await using var conn = source.CreateConnection();
                await conn.OpenAsync();
                await using var show = new Npgsql.NpgsqlCommand("SHOW synchronous_commit", conn);
                Assert.Equal("on", await show.ExecuteScalarAsync());
            }
        }
        finally
        {
            await using var reset = db.Database.Owner.CreateCommand(
                "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET synchronous_commit', current_database()); END $$");
            await reset.ExecuteNonQueryAsync();
        }
    }
}
