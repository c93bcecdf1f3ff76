using Npgsql;

namespace LandQuality.Data;

/// <summary>
/// What the application's role may do, granted by the owner after every migration (so a table a later
/// migration adds is covered too): read and write every table of the schema, and use its sequences;
/// on the audit history only read, and append through the owner's functions (migration AuditHardening);
/// nothing on the migrations' own history but reading it. The role owns nothing, so it can neither
/// truncate, alter nor drop a table, disable a trigger or vacuum. In the job queue's schema (Hangfire's tables,
/// which Hangfire.PostgreSql creates and upgrades itself) it may create. Granting is skipped when nothing is
/// missing: GRANT rewrites catalog rows, and two sessions granting at once can fail on each other.
/// </summary>
public static class AppRoleGrants
{
    static readonly string[] AuditTables = ["audit_events", "audit_heads"];

    /// <summary>The functions the application calls; nobody else may (EXECUTE is revoked from PUBLIC).</summary>
    static readonly string[] Functions =
    [
        "audit_append(text, text, text, text)", "audit_append_many(timestamptz, text, text, text[], text[])",
        "audit_start_many(timestamptz, text, text, text[], text[])", "audit_cut()",
        "import_drop_index(text)", "import_create_index(text)",
    ];

    public static async Task EnsureAsync(NpgsqlDataSource owner, string appRole, CancellationToken ct)
    {
        await using var conn = await owner.OpenConnectionAsync(ct);
        if (!await IsMissingAnyAsync(conn, appRole, ct))
            return;
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var wait = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('lq:grants'))", conn, tx))
            await wait.ExecuteNonQueryAsync(ct);
        var (app, schema) = (Quote(appRole), Quote(await CurrentSchemaAsync(conn, ct)));
        var audit = string.Join(", ", AuditTables);
        await using var grant = new NpgsqlCommand($"""
            GRANT USAGE ON SCHEMA {schema} TO {app};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {app};
            GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {app};
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {audit}, "__EFMigrationsHistory" FROM {app};
            REVOKE ALL ON SEQUENCE audit_events_id_seq FROM {app};
            GRANT EXECUTE ON FUNCTION {string.Join(", ", Functions)} TO {app};
            GRANT USAGE, CREATE ON SCHEMA {Jobs.JobQueue.Schema} TO {app};
            """, conn, tx);
        await grant.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>True when some grant above is missing or the role holds more on the history than reading it.</summary>
    static async Task<bool> IsMissingAnyAsync(NpgsqlConnection conn, string appRole, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            SELECT NOT has_schema_privilege($1, current_schema(), 'USAGE')
                OR NOT has_schema_privilege($1, '{Jobs.JobQueue.Schema}', 'CREATE')
                OR EXISTS (
                    SELECT 1 FROM pg_class c
                    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'S')
                      AND CASE
                            WHEN c.relname IN ('{string.Join("', '", AuditTables)}', '__EFMigrationsHistory') THEN
                                NOT has_table_privilege($1, c.oid, 'SELECT') OR has_table_privilege($1, c.oid, 'INSERT')
                                OR has_table_privilege($1, c.oid, 'UPDATE') OR has_table_privilege($1, c.oid, 'DELETE')
                                OR has_table_privilege($1, c.oid, 'TRUNCATE')
                            WHEN c.relname = 'audit_events_id_seq' THEN has_sequence_privilege($1, c.oid, 'USAGE')
                            WHEN c.relkind = 'S' THEN NOT has_sequence_privilege($1, c.oid, 'USAGE')
                            ELSE NOT (has_table_privilege($1, c.oid, 'SELECT') AND has_table_privilege($1, c.oid, 'INSERT')
                                      AND has_table_privilege($1, c.oid, 'UPDATE') AND has_table_privilege($1, c.oid, 'DELETE'))
                          END)
                OR EXISTS (SELECT 1 FROM unnest($2::text[]) f WHERE NOT has_function_privilege($1, f::regprocedure, 'EXECUTE'))
            """, conn)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = appRole }, new NpgsqlParameter<string[]> { TypedValue = Functions } },
        };
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    static async Task<string> CurrentSchemaAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT current_schema()", conn);
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }

    static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
