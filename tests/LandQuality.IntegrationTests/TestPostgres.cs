using LandQuality.Data;
using Npgsql;

namespace LandQuality.IntegrationTests;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole test run (LQ_TEST_CONNECTION names an existing
/// server instead). It is started on first use and stopped when the test process exits. There is no
/// skip: a machine without PostgreSQL fails these tests, it does not pass them silently.
/// </summary>
static class TestPostgres
{
    static readonly Lazy<Task<string>> Server = new(StartAsync);

    public static Task<string> ServerConnectionAsync() => Server.Value;

    /// <summary>
    /// A database LandQuality did not create, made with <paramref name="options"/> (e.g. another
    /// collation), migrated when opened. Not dropped: it goes with the throwaway cluster, and stays on a
    /// server named by LQ_TEST_CONNECTION (its name starts lq_test_).
    /// </summary>
    public static async Task<Database> CreateDatabaseAsync(string options)
    {
        var server = await ServerConnectionAsync();
        var name = $"lq_test_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(server))
        {
            await conn.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0 {options}", conn);
            await create.ExecuteNonQueryAsync();
        }
        return await Database.OpenAsync(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString,
            localRoot: "unused", keepLocalRunning: false, CancellationToken.None);
    }

    static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("LQ_TEST_CONNECTION") is { Length: > 0 } configured)
            return configured;
        var root = Path.Combine(Path.GetTempPath(), $"lq-test-pg-{Environment.ProcessId}");
        var cluster = await LocalPostgres.StartAsync(root, forTests: true, keepRunning: false, CancellationToken.None);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.StopAsync().GetAwaiter().GetResult();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return cluster.ConnectionString();
    }
}

/// <summary>A fresh, migrated database per test class, so classes run in parallel without seeing each other's rows.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    Database? _database;

    public Database Database => _database ?? throw new InvalidOperationException("The test database is not initialised yet.");

    /// <summary>The database's connection string, password included (for a process of its own, such as the CLI).</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var server = await TestPostgres.ServerConnectionAsync();
        var name = $"lq_test_{Guid.NewGuid():N}";
        await Database.EnsureDatabaseAsync(server, name, CancellationToken.None);
        var cs = ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        _database = await Database.OpenAsync(cs, localRoot: "unused", keepLocalRunning: false, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
            await _database.DisposeAsync();
    }

    public async Task<string?> ScalarTextAsync(string sql)
    {
        await using var cmd = Database.DataSource.CreateCommand(sql);
        return await cmd.ExecuteScalarAsync() as string;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var cmd = Database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
