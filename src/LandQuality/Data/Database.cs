using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LandQuality.Data;

/// <summary>
/// The PostgreSQL that LandQuality works on: the one named by LQ_CONNECTION, or a private local
/// cluster when none is configured. Opening it applies pending migrations and seeds reference data,
/// so every command starts from a complete schema.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    public const string ConnectionVariable = "LQ_CONNECTION";

    readonly LocalPostgres? _local;

    Database(string connectionString, LocalPostgres? local)
    {
        DataSource = CreateDataSource(connectionString, resetOnClose: true);
        Stateless = CreateDataSource(connectionString, resetOnClose: false);
        var leases = new NpgsqlConnectionStringBuilder(connectionString);
        leases.MaxPoolSize = Math.Max(1, leases.MaxPoolSize / 2);
        Leases = CreateDataSource(leases.ConnectionString, resetOnClose: false);
        _local = local;
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// A second pool (as large again as <see cref="DataSource"/>'s) for statements that leave no session
    /// state behind: no SET, temporary table, LISTEN, session advisory lock or open cursor. The review
    /// queue's decisions and task changes use it (claims use <see cref="Leases"/>). Npgsql otherwise resets every connection it
    /// takes back, prepending seven simple-protocol statements (RESET ALL, DISCARD TEMP …) to its next
    /// use, which PostgreSQL parses and runs each time: fourteen extra statements per claim and
    /// decision, against fewer than twenty of their own. Imports and the sweep's advisory lock keep
    /// <see cref="DataSource"/>: they create temporary tables, SET options and hold session locks.
    /// </summary>
    public NpgsqlDataSource Stateless { get; }

    /// <summary>
    /// A third pool, half the size of the others and stateless like <see cref="Stateless"/>, for claims
    /// alone. A claim is one short statement that does not wait for its WAL flush; a decision holds its
    /// connection until its commit is on disk. Sharing one pool, a reviewer asking for the next task
    /// queued behind decisions waiting for the disk (claim p99 92 ms in <c>lq bench review</c>); with
    /// its own connections the claim waits for none of them (p99 8–42 ms over five runs, decisions/s
    /// about the same; the decisions' own tail grew: see docs/benchmarks.md).
    /// </summary>
    public NpgsqlDataSource Leases { get; }
    public string ConnectionString => DataSource.ConnectionString;
    public bool IsLocalCluster => _local is not null;

    /// <param name="connectionString">An explicit connection; when null, LQ_CONNECTION, then a local cluster under <paramref name="localRoot"/>.</param>
    public static async Task<Database> OpenAsync(string? connectionString, string localRoot, bool keepLocalRunning, CancellationToken ct)
    {
        connectionString ??= Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } env ? env : null;
        LocalPostgres? local = null;
        if (connectionString is null)
        {
            local = await LocalPostgres.StartAsync(localRoot, forTests: false, keepRunning: keepLocalRunning, ct);
            await EnsureDatabaseAsync(local.ConnectionString(), "landquality", ct);
            connectionString = local.ConnectionString("landquality");
        }
        var db = new Database(connectionString, local);
        await db.MigrateAsync(ct);
        return db;
    }

    public static Database Attach(string connectionString) => new(connectionString, null);

    /// <summary>
    /// Statements run again and again (the review queue's claim and decision batches) are prepared on
    /// their second use: planning them every time cost more server CPU than executing them. A
    /// connection string that sets Max Auto Prepare itself is left as it is. Commits are durable
    /// (synchronous_commit on) unless the connection string's Options say otherwise.
    /// </summary>
    static NpgsqlDataSource CreateDataSource(string connectionString, bool resetOnClose)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
            (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages) = (64, 2);
        if (!resetOnClose)
            builder.NoResetOnClose = true;
        // An acknowledged decision must survive a crash of the server, whatever the server's default:
        // every session of ours waits for its commits to reach the WAL on disk. Only transactions that
        // may be lost harmlessly (a claim, a batch of derived results) opt out, each where it commits.
        if (builder.Options?.Contains("synchronous_commit", StringComparison.Ordinal) != true)
            builder.Options = $"{builder.Options} -c synchronous_commit=on".Trim();
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    // Built once: EF Core keys its internal service provider and caches on the options.
    DbContextOptions<LandQualityDbContext>? _options;

    public LandQualityDbContext CreateContext() =>
        new(_options ??= new DbContextOptionsBuilder<LandQualityDbContext>().UseNpgsql(DataSource).Options);

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using (var context = CreateContext())
            await context.Database.MigrateAsync(ct);
        await ReferenceSeeder.SeedAsync(this, ct);
        await Rules.Versions.ShippedRuleSets.SeedAsync(this, ct);
        await Review.Cases.WorkflowStore.SeedAsync(this, ct);
    }

    /// <summary>
    /// Creates a database on the server if it does not exist yet, with the "C" collation: text then
    /// compares byte by byte, which orders exactly as C.UTF-8 does (by code point) but lets PostgreSQL
    /// 15 use memcmp and abbreviated sort keys instead of strcoll — merge joins and index scans on
    /// parcel ids measured 5–8× faster. Letter case and classification still follow the template's
    /// UTF-8 ctype.
    /// </summary>
    public static async Task EnsureDatabaseAsync(string serverConnection, string name, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(serverConnection);
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn) { Parameters = { new() { Value = name } } };
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 LC_COLLATE 'C'", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Stateless.DisposeAsync();
        await Leases.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (_local is not null)
            await _local.DisposeAsync();
    }
}
