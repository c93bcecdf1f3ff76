using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LandQuality.Data;

/// <summary>
/// The PostgreSQL that LandQuality works on: the one named by LQ_CONNECTION, or a private local
/// cluster when none is configured. Opening it applies pending migrations and seeds reference data,
/// so every command starts from a complete schema. Two roles may work on it (<see cref="DatabaseRoles"/>):
/// migrations run as the schema's owner (<see cref="Owner"/>: the local cluster's lq_owner, or
/// LQ_OWNER_CONNECTION), everything else as the application's role, which owns nothing.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    public const string ConnectionVariable = "LQ_CONNECTION";
    public const string OwnerConnectionVariable = "LQ_OWNER_CONNECTION";

    readonly LocalPostgres? _local;

    Database(string connectionString, string? ownerConnectionString, LocalPostgres? local)
    {
        DataSource = CreateDataSource(connectionString, resetOnClose: true);
        Stateless = CreateDataSource(connectionString, resetOnClose: false);
        Quick = CreateDataSource(connectionString, resetOnClose: false);
        Batch = CreateDataSource(connectionString, resetOnClose: true, batch: true);
        // Migrations, grants and the vacuum after an import: a few connections at most.
        Owner = ownerConnectionString is null
            ? Batch
            : CreateDataSource(new NpgsqlConnectionStringBuilder(ownerConnectionString) { MaxPoolSize = 4 }.ConnectionString, resetOnClose: true, batch: true);
        _local = local;
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// A second pool (as large again as <see cref="DataSource"/>'s) for statements that leave no session
    /// state behind: no SET, temporary table, LISTEN, session advisory lock or open cursor. The review
    /// queue's decisions and task changes use it (claims and reads use <see cref="Quick"/>). Npgsql otherwise resets every connection it
    /// takes back, prepending seven simple-protocol statements (RESET ALL, DISCARD TEMP …) to its next
    /// use, which PostgreSQL parses and runs each time: fourteen extra statements per claim and
    /// decision, against fewer than twenty of their own. Imports and the sweep's advisory lock keep
    /// <see cref="DataSource"/>: they create temporary tables, SET options and hold session locks.
    /// </summary>
    public NpgsqlDataSource Stateless { get; }

    /// <summary>
    /// A third pool, stateless like <see cref="Stateless"/>, for what never waits for the disk: claims (one
    /// short statement that commits without waiting for its WAL flush) and the reads of a reviewer's every
    /// step (the signed-in account, the case). A decision holds its connection until its commit is on disk;
    /// sharing its pool, a reviewer asking for the next task or reading a case queues behind decisions
    /// waiting for the disk (see docs/benchmarks.md).
    /// </summary>
    public NpgsqlDataSource Quick { get; }

    /// <summary>
    /// A fourth pool, for long batch work: imports, evaluation runs and their partitions, opening and reopening
    /// cases, exports, verifying the history, the daily snapshot, impact previews. Its commands have no client
    /// timeout, whatever the connection string says: at national scale single statements of this work (the merge
    /// of a whole file, the set-wide reads, opening every failing parcel's case) run for minutes, and a client
    /// timeout sized for a web request cancelled them half-way, rolling back a whole import. Such work ends when
    /// it is done or when its cancellation token fires (Ctrl+C, a worker stopping, a web request aborted); the
    /// server's own statement_timeout, if an administrator sets one, still applies. The pools a web request reads
    /// through keep the connection string's timeout (Npgsql's default: 30 s).
    /// </summary>
    public NpgsqlDataSource Batch { get; }
    public string ConnectionString => DataSource.ConnectionString;

    /// <summary>
    /// The schema's owner: migrations, the application role's grants, and the vacuum after an import (in
    /// PostgreSQL 15 only a table's owner may vacuum it); batch work, without a client timeout as <see cref="Batch"/>.
    /// The same pool as <see cref="Batch"/> when one role does everything (LQ_CONNECTION without LQ_OWNER_CONNECTION).
    /// </summary>
    public NpgsqlDataSource Owner { get; }
    public string OwnerConnectionString => Owner.ConnectionString;

    /// <summary>True when the application works as a role of its own, distinct from the schema's owner.</summary>
    public bool HasSeparateOwner => !ReferenceEquals(Owner, Batch);
    public bool IsLocalCluster => _local is not null;

    /// <param name="connectionString">An explicit connection; when null, LQ_CONNECTION (with LQ_OWNER_CONNECTION), then a local cluster under <paramref name="localRoot"/>.</param>
    public static Task<Database> OpenAsync(string? connectionString, string localRoot, bool keepLocalRunning, CancellationToken ct) =>
        OpenAsync(connectionString, ownerConnectionString: null, localRoot, keepLocalRunning, ct);

    /// <param name="connectionString">The application's connection; when null, LQ_CONNECTION and LQ_OWNER_CONNECTION, then a local cluster.</param>
    /// <param name="ownerConnectionString">The schema owner's connection, for migrations; null: the application's role does everything.</param>
    public static async Task<Database> OpenAsync(string? connectionString, string? ownerConnectionString, string localRoot, bool keepLocalRunning,
        CancellationToken ct)
    {
        if (connectionString is null && Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } env)
            (connectionString, ownerConnectionString) = (env, Environment.GetEnvironmentVariable(OwnerConnectionVariable) is { Length: > 0 } owner ? owner : null);
        LocalPostgres? local = null;
        if (connectionString is null)
        {
            local = await LocalPostgres.StartAsync(localRoot, forTests: false, keepRunning: keepLocalRunning, ct);
            var roles = DatabaseRoles.Local;
            await roles.EnsureAsync(local.ConnectionString(), LocalDatabase, password: null, ct);
            (connectionString, ownerConnectionString) = (local.ConnectionString(LocalDatabase, roles.App), local.ConnectionString(LocalDatabase, roles.Owner));
        }
        var db = new Database(connectionString, ownerConnectionString, local);
        try
        {
            await db.MigrateAsync(ct);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
        return db;
    }

    const string LocalDatabase = "landquality";

    public static Database Attach(string connectionString) => new(connectionString, null, null);

    /// <summary>
    /// Statements run again and again (the review queue's claim and decision batches) are prepared on
    /// their second use: planning them every time cost more server CPU than executing them. A
    /// connection string that sets Max Auto Prepare itself is left as it is. Commits are durable
    /// (synchronous_commit on) unless the connection string's Options say otherwise. A <paramref name="batch"/>
    /// pool's commands have no client timeout (<see cref="Batch"/>).
    /// </summary>
    static NpgsqlDataSource CreateDataSource(string connectionString, bool resetOnClose, bool batch = false)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (batch)
            builder.CommandTimeout = 0;
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

    /// <summary>
    /// Pending migrations as the owner, then the application role's grants, then seeding as the application.
    /// With no migration pending nothing is asked of the owner's role, so LQ_CONNECTION alone may name the
    /// application's role once the owner has migrated the schema.
    /// </summary>
    public async Task MigrateAsync(CancellationToken ct)
    {
        await using (var context = new LandQualityDbContext(new DbContextOptionsBuilder<LandQualityDbContext>().UseNpgsql(Owner).Options))
        {
            if ((await context.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                try
                {
                    await context.Database.MigrateAsync(ct);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && !HasSeparateOwner)
                {
                    throw new InvalidOperationException(
                        $"The database needs migrations that {ConnectionVariable}'s role may not run ({e.MessageText}): " +
                        $"set {OwnerConnectionVariable} to the connection of the role that owns the schema.", e);
                }
            }
        }
        if (HasSeparateOwner)
        {
            await using var who = DataSource.CreateCommand("SELECT current_user");
            await AppRoleGrants.EnsureAsync(Owner, (string)(await who.ExecuteScalarAsync(ct))!, ct);
        }
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
    /// <param name="owner">The role to own it; null: the connecting role.</param>
    public static async Task EnsureDatabaseAsync(string serverConnection, string name, CancellationToken ct, string? owner = null)
    {
        await using var conn = new NpgsqlConnection(serverConnection);
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn) { Parameters = { new() { Value = name } } };
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            var ownedBy = owner is null ? "" : $" OWNER \"{owner}\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{ownedBy} TEMPLATE template0 LC_COLLATE 'C'", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Stateless.DisposeAsync();
        await Quick.DisposeAsync();
        await Batch.DisposeAsync();
        if (HasSeparateOwner)
            await Owner.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (_local is not null)
            await _local.DisposeAsync();
    }
}
