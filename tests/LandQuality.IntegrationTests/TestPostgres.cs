using LandQuality.Data;
using Npgsql;

namespace LandQuality.IntegrationTests;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole test run (LQ_TEST_CONNECTION names an existing
/// server instead). It is started on first use and stopped when the test process exits. There is no
/// skip: a machine without PostgreSQL fails these tests, it does not pass them silently.
/// <para>
/// Test databases are owned by <see cref="Roles"/>' owner and used as its application role, as the
/// product uses the local cluster: every test runs with the privileges the product has. The roles are
/// created on the server (LQ_TEST_CONNECTION must be a superuser) with a password of this run, so a
/// server that checks passwords lets them in too.
/// </para>
/// </summary>
static class TestPostgres
{
    static readonly Lazy<Task<string>> Server = new(StartAsync);

    public static readonly DatabaseRoles Roles = new("lq_test_owner", "lq_test_app");
    static readonly string Password = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>The superuser's connection to the server.</summary>
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
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} OWNER {Roles.Owner} TEMPLATE template0 {options}", conn);
            await create.ExecuteNonQueryAsync();
        }
        return await OpenAsync(name);
    }

    /// <summary>A new database of the test roles (C collation, as LandQuality creates its own).</summary>
    public static async Task<Database> CreateOwnedDatabaseAsync()
    {
        var name = $"lq_test_{Guid.NewGuid():N}";
        await Roles.EnsureDatabaseAsync(await ServerConnectionAsync(), name, CancellationToken.None);
        return await OpenAsync(name);
    }

    /// <summary>The server as <paramref name="role"/>, in <paramref name="database"/>.</summary>
    public static async Task<string> ConnectionAsync(string database, string role) =>
        DatabaseRoles.As(await ServerConnectionAsync(), database, role, Password);

    static async Task<Database> OpenAsync(string name) =>
        await Database.OpenAsync(await ConnectionAsync(name, Roles.App), await ConnectionAsync(name, Roles.Owner),
            localRoot: "unused", keepLocalRunning: false, CancellationToken.None);

    static async Task<string> StartAsync()
    {
        var server = await StartServerAsync();
        await Roles.EnsureRolesAsync(server, Password, CancellationToken.None);
        return server;
    }

    static async Task<string> StartServerAsync()
    {
        if (Environment.GetEnvironmentVariable("LQ_TEST_CONNECTION") is { Length: > 0 } configured)
            return configured;
        RemoveAbandonedClusters();
        var root = Path.Combine(Path.GetTempPath(), $"lq-test-pg-{Environment.ProcessId}");
        var cluster = await LocalPostgres.StartAsync(root, forTests: true, keepRunning: false, CancellationToken.None);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.StopAsync().GetAwaiter().GetResult();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return cluster.ConnectionString();
    }

    /// <summary>
    /// A test process that was killed, or whose cluster did not stop in time, leaves its cluster's folder
    /// behind (about 2 GB each): removed here when neither that test process nor its server still runs.
    /// </summary>
    static void RemoveAbandonedClusters()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), "lq-test-pg-*"))
        {
            if (!int.TryParse(Path.GetFileName(folder)["lq-test-pg-".Length..], out var owner) || IsRunning(owner))
                continue;
            var pidFile = Path.Combine(folder, "pgdata", "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var server) && IsRunning(server))
                continue;
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>A fresh, migrated database per test class, so classes run in parallel without seeing each other's rows.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    Database? _database;

    public Database Database => _database ?? throw new InvalidOperationException("The test database is not initialised yet.");

    NpgsqlDataSource? _superuser;

    /// <summary>The server's superuser in this database: the tests' own reads and set-ups (see <see cref="ScalarAsync"/>).</summary>
    public NpgsqlDataSource Superuser => _superuser ?? throw new InvalidOperationException("The test database is not initialised yet.");

    /// <summary>
    /// The application role's connection string, password included (for a process of its own, such as the CLI: with
    /// LQ_CONNECTION alone it works on the schema the owner migrated, as the application).
    /// </summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateOwnedDatabaseAsync();
        var name = new NpgsqlConnectionStringBuilder(_database.ConnectionString).Database!;
        ConnectionString = await TestPostgres.ConnectionAsync(name, TestPostgres.Roles.App);
        // Unpooled: a test may end every session of its database (the database "goes away") and read on at once.
        _superuser = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(await TestPostgres.ServerConnectionAsync()) { Database = name, Pooling = false }.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_superuser is not null)
            await _superuser.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }

    // The tests' own reads and set-ups run as the superuser: they see every session's statement (and may end one),
    // whichever role runs it, and are not limited by what the application's role may do.
    public async Task<string?> ScalarTextAsync(string sql)
    {
        await using var cmd = Superuser.CreateCommand(sql);
        return await cmd.ExecuteScalarAsync() as string;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var cmd = Superuser.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
