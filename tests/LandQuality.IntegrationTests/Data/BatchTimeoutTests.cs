using LandQuality.Data;
using LandQuality.Imports;
using LandQuality.IntegrationTests.Imports;
using Npgsql;

namespace LandQuality.IntegrationTests.Data;

/// <summary>
/// Long batch work runs without a client command timeout (<see cref="Database.Batch"/>): at national scale single
/// statements of an import or an evaluation run for minutes, and a timeout sized for a web request cancelled them
/// half-way. The pools web requests read through keep the connection string's timeout. Here the connection string
/// allows one second, and an import waits on a lock for longer than that.
/// </summary>
public sealed class BatchTimeoutTests : IAsyncLifetime
{
    readonly TestDatabase db = new();
    Database shortTimeout = null!;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        shortTimeout = Database.Attach(new NpgsqlConnectionStringBuilder(db.ConnectionString) { CommandTimeout = 1 }.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await shortTimeout.DisposeAsync();
        await db.DisposeAsync();
    }

    [Fact]
    public async Task An_import_outlasts_the_connection_strings_command_timeout()
    {
        using var files = new ImportFixtureFiles().Parcels(
            "T-1,19753,9,1,Thôn 1,300,300,ONT:300,CS 1,CH1,2011-01-02,,2024-01-02",
            "T-2,19753,9,2,Thôn 1,300,300,ONT:300,CS 2,CH2,2011-01-02,,2024-01-02");

        // Another session holds the parcels table: the import's merge waits for it, longer than one second.
        await using var holder = await db.Superuser.OpenConnectionAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockCmd = new NpgsqlCommand("LOCK TABLE parcels IN SHARE MODE", holder, hold))
            await lockCmd.ExecuteNonQueryAsync();
        var import = new Importer(shortTimeout).RunAsync(files.Directory, "test", null, CancellationToken.None);
        await WaitUntilAsync(async () => import.IsCompleted || await db.ScalarAsync(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%parcels%'") > 0);
        Assert.False(import.IsCompleted, "the import should have been waiting for the lock");
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await hold.CommitAsync();

        var summary = await import;
        Assert.Equal(2, summary.Files.Single(f => f.FileName == "parcels.csv").Inserted);
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM parcels"));
    }

    [Fact]
    public async Task The_pools_of_web_requests_keep_the_connection_strings_command_timeout()
    {
        foreach (var source in new[] { shortTimeout.DataSource, shortTimeout.Stateless, shortTimeout.Quick })
        {
            await using var sleep = source.CreateCommand("SELECT pg_sleep(3)");
            var e = await Assert.ThrowsAnyAsync<NpgsqlException>(() => sleep.ExecuteNonQueryAsync());
            Assert.IsType<TimeoutException>(e.InnerException);
        }
        await using var batch = shortTimeout.Batch.CreateCommand("SELECT pg_sleep(1.5)");
        await batch.ExecuteNonQueryAsync();
    }

    static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the import never reached the lock");
            await Task.Delay(50);
        }
    }
}
