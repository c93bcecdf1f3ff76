using LandQuality.Data;
using Npgsql;

namespace LandQuality.Benchmarks;

/// <summary>
/// The databases the benchmarks work in. A benchmark empties tables, drops and recreates its
/// database, and runs evaluations that set verdicts and close cases, so it works only in a database
/// it created itself: each one created here carries <see cref="Marker"/> as its comment, and every
/// benchmark refuses a database without it (one named by LQ_CONNECTION, one made by hand or by an
/// older build) before it changes anything.
/// </summary>
public static class BenchDatabase
{
    /// <summary>The comment on a database a benchmark created.</summary>
    public const string Marker = "Created by lq bench; benchmarks empty and rewrite it.";

    /// <summary>The database <c>lq bench evaluate</c> loads and <c>lq bench review</c> works on (kept between runs: loading it takes a minute).</summary>
    public const string Evaluation = "lq_bench_evaluate";

    /// <summary>Opens (migrated) the named benchmark database on the server, creating it when it does not exist.</summary>
    public static async Task<Database> OpenAsync(string serverConnection, string name, int? maxPoolSize, CancellationToken ct)
    {
        // The server's connection may carry a small pool of its own (the owner's, for migrations): a benchmark sets its own.
        var builder = new NpgsqlConnectionStringBuilder(await EnsureAsync(serverConnection, name, ct))
        {
            MaxPoolSize = maxPoolSize ?? new NpgsqlConnectionStringBuilder().MaxPoolSize,
        };
        return await Database.OpenAsync(builder.ConnectionString, localRoot: "unused", keepLocalRunning: false, ct);
    }

    /// <summary>Creates the database, marked, unless it exists; an existing one must be a benchmark's. Returns its connection string.</summary>
    public static async Task<string> EnsureAsync(string serverConnection, string name, CancellationToken ct)
    {
        await using (var conn = await OpenServerAsync(serverConnection, ct))
        {
            if (await ExistsAsync(conn, name, ct))
                Require(name, await CommentAsync(conn, name, ct));
            else
                await CreateAsync(conn, serverConnection, name, ct);
        }
        return new NpgsqlConnectionStringBuilder(serverConnection) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database if it exists (it must be a benchmark's) and creates it again, empty and marked.</summary>
    public static async Task<string> RecreateAsync(string serverConnection, string name, CancellationToken ct)
    {
        await using (var conn = await OpenServerAsync(serverConnection, ct))
        {
            await DropIfOwnAsync(conn, name, ct);
            await CreateAsync(conn, serverConnection, name, ct);
        }
        return new NpgsqlConnectionStringBuilder(serverConnection) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Drops <paramref name="name"/> (a benchmark's, if it exists) and makes it again as a copy of <paramref name="template"/>, another
    /// benchmark database, so a run can start from a state a previous one left. FILE_COPY copies the files as they are instead of
    /// writing every page to the WAL. Returns its connection string.
    /// </summary>
    public static async Task<string> CopyAsync(string serverConnection, string template, string name, CancellationToken ct)
    {
        await using (var conn = await OpenServerAsync(serverConnection, ct))
        {
            Require(template, await CommentAsync(conn, template, ct));
            await DropIfOwnAsync(conn, name, ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\" STRATEGY FILE_COPY", conn);
            await create.ExecuteNonQueryAsync(ct);
            await MarkAsync(conn, name, ct);
        }
        return new NpgsqlConnectionStringBuilder(serverConnection) { Database = name }.ConnectionString;
    }

    /// <summary>Whether the named database exists; one that does must be a benchmark's.</summary>
    public static async Task<bool> ExistsOwnAsync(string serverConnection, string name, CancellationToken ct)
    {
        await using var conn = await OpenServerAsync(serverConnection, ct);
        if (!await ExistsAsync(conn, name, ct))
            return false;
        Require(name, await CommentAsync(conn, name, ct));
        return true;
    }

    /// <summary>Throws <see cref="NotABenchDatabaseException"/> unless <paramref name="db"/> is a database a benchmark created.</summary>
    public static async Task RequireOwnAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "SELECT current_database(), shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        Require(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    static void Require(string name, string? comment)
    {
        if (comment != Marker)
            throw new NotABenchDatabaseException(
                $"Database '{name}' was not created by a benchmark (its comment is not \"{Marker}\"). Benchmarks empty and rewrite " +
                "their database, so they refuse this one. If it is a benchmark database made by an older build, drop it and run again.");
    }

    /// <summary>The server's maintenance database, so that a database being dropped has no session of ours.</summary>
    static async Task<NpgsqlConnection> OpenServerAsync(string serverConnection, CancellationToken ct)
    {
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(serverConnection) { Database = "postgres", Pooling = false }.ConnectionString);
        await conn.OpenAsync(ct);
        return conn;
    }

    static async Task CreateAsync(NpgsqlConnection conn, string serverConnection, string name, CancellationToken ct)
    {
        await Database.EnsureDatabaseAsync(serverConnection, name, ct);
        await MarkAsync(conn, name, ct);
    }

    static async Task MarkAsync(NpgsqlConnection conn, string name, CancellationToken ct)
    {
        await using var comment = new NpgsqlCommand($"COMMENT ON DATABASE \"{name}\" IS '{Marker}'", conn);
        await comment.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Drops <paramref name="name"/> if it exists; it must be a benchmark's.</summary>
    static async Task DropIfOwnAsync(NpgsqlConnection conn, string name, CancellationToken ct)
    {
        if (!await ExistsAsync(conn, name, ct))
            return;
        Require(name, await CommentAsync(conn, name, ct));
        await using var drop = new NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", conn);
        await drop.ExecuteNonQueryAsync(ct);
    }

    static async Task<bool> ExistsAsync(NpgsqlConnection conn, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn) { Parameters = { new() { Value = name } } };
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    static async Task<string?> CommentAsync(NpgsqlConnection conn, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1", conn)
        {
            Parameters = { new() { Value = name } },
        };
        return await cmd.ExecuteScalarAsync(ct) as string;
    }
}

/// <summary>A benchmark was given a database it did not create.</summary>
public sealed class NotABenchDatabaseException(string message) : InvalidOperationException(message);
