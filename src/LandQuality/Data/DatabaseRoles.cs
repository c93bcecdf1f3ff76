using Npgsql;

namespace LandQuality.Data;

/// <summary>
/// The two roles LandQuality works as. The owner owns the schema: migrations run as it, and so do the
/// functions that write the audit history (SECURITY DEFINER). The application's role owns nothing and is
/// no superuser: it reads and writes the land and review tables, reads the history and appends to it only
/// through those functions (<see cref="AppRoleGrants"/>). The local cluster creates both
/// (<see cref="EnsureAsync"/>); on a server named by LQ_CONNECTION the operator creates them.
/// </summary>
public sealed record DatabaseRoles(string Owner, string App)
{
    /// <summary>The roles of the private local cluster.</summary>
    public static DatabaseRoles Local { get; } = new("lq_owner", "lq_app");

    /// <summary>
    /// As a superuser (<paramref name="superuserConnection"/>): creates the two roles if missing and keeps their
    /// attributes (a password only when one is given: the local cluster trusts its private socket), and
    /// <paramref name="database"/> owned by the owner (<see cref="EnsureDatabaseAsync"/>).
    /// </summary>
    public async Task EnsureAsync(string superuserConnection, string database, string? password, CancellationToken ct)
    {
        await EnsureRolesAsync(superuserConnection, password, ct);
        await EnsureDatabaseAsync(superuserConnection, database, ct);
    }

    public async Task EnsureRolesAsync(string superuserConnection, string? password, CancellationToken ct)
    {
        await using var conn = await OpenAsync(superuserConnection, "postgres", ct);
        // The owner may create databases (the benchmarks make their own) and nothing else; the application nothing at all.
        await EnsureRoleAsync(conn, Owner, "LOGIN NOSUPERUSER CREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT", password, ct);
        await EnsureRoleAsync(conn, App, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT", password, ct);
    }

    /// <summary>
    /// Creates <paramref name="database"/> owned by the owner, as a superuser. A database made before the roles
    /// existed is handed over: it and everything in its schema owned by someone else become the owner's.
    /// </summary>
    public async Task EnsureDatabaseAsync(string superuserConnection, string database, CancellationToken ct)
    {
        await using (var conn = await OpenAsync(superuserConnection, "postgres", ct))
        {
            await using var owner = new NpgsqlCommand("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = $1", conn)
            {
                Parameters = { new NpgsqlParameter<string> { TypedValue = database } },
            };
            switch (await owner.ExecuteScalarAsync(ct))
            {
                case null:
                    await Database.EnsureDatabaseAsync(superuserConnection, database, ct, Owner);
                    return;
                case string current when current == Owner:
                    return;
            }
            await using var alter = new NpgsqlCommand($"ALTER DATABASE {Quote(database)} OWNER TO {Quote(Owner)}", conn);
            await alter.ExecuteNonQueryAsync(ct);
        }
        await using var db = await OpenAsync(superuserConnection, database, ct);
        await using var handOver = new NpgsqlCommand(HandOverSql(Owner), db);
        await handOver.ExecuteNonQueryAsync(ct);
    }

    /// <summary><paramref name="connection"/> logged in as <paramref name="role"/> to <paramref name="database"/>.</summary>
    public static string As(string connection, string database, string role, string? password) =>
        new NpgsqlConnectionStringBuilder(connection) { Database = database, Username = role, Password = password }.ConnectionString;

    static async Task<NpgsqlConnection> OpenAsync(string connection, string database, CancellationToken ct)
    {
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Database = database, Pooling = false }.ConnectionString);
        await conn.OpenAsync(ct);
        return conn;
    }

    static async Task EnsureRoleAsync(NpgsqlConnection conn, string role, string attributes, string? password, CancellationToken ct)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_roles WHERE rolname = $1", conn)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = role } },
        };
        var verb = await exists.ExecuteScalarAsync(ct) is null ? "CREATE" : "ALTER";
        // Role names are ours (quoted); a password cannot be a parameter of CREATE ROLE, so it is quoted as a literal.
        var withPassword = password is null ? "" : $" PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'";
        await using var cmd = new NpgsqlCommand($"{verb} ROLE {Quote(role)} {attributes}{withPassword}", conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Run in the database by a superuser: makes <paramref name="owner"/> own every table, view, sequence,
    /// function and type of the current schema, and the job queue's schema. A sequence that belongs to a table's column follows its table.
    /// </summary>
    static string HandOverSql(string owner) => $$"""
        DO $$
        DECLARE
            owner text := '{{owner.Replace("'", "''", StringComparison.Ordinal)}}';
            r record;
        BEGIN
            FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
                     WHERE c.relnamespace = current_schema()::regnamespace AND c.relowner <> owner::regrole
                       AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
            LOOP
                EXECUTE format('ALTER %s %s OWNER TO %I', CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                    WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.name, owner);
            END LOOP;
            FOR r IN SELECT p.oid::regprocedure AS name, p.prokind FROM pg_proc p
                     WHERE p.pronamespace = current_schema()::regnamespace AND p.proowner <> owner::regrole
            LOOP
                EXECUTE format('ALTER %s %s OWNER TO %I', CASE r.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, r.name, owner);
            END LOOP;
            FOR r IN SELECT t.oid::regtype AS name, t.typtype FROM pg_type t
                     WHERE t.typnamespace = current_schema()::regnamespace AND t.typowner <> owner::regrole AND t.typtype IN ('e', 'd', 'r')
            LOOP
                EXECUTE format('ALTER %s %s OWNER TO %I', CASE r.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, r.name, owner);
            END LOOP;
            -- The job queue's schema (a migration makes it; Hangfire fills it as the application): the owner grants on it.
            IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '{{Jobs.JobQueue.Schema}}' AND nspowner <> owner::regrole) THEN
                EXECUTE format('ALTER SCHEMA %I OWNER TO %I', '{{Jobs.JobQueue.Schema}}', owner);
            END IF;
        END $$
        """;

    static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
