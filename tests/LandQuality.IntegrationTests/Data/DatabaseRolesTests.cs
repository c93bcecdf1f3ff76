using LandQuality.Data;
using Npgsql;

namespace LandQuality.IntegrationTests.Data;

/// <summary>
/// Issue "Hardening", a local cluster open to every local user: the product connects as a role that
/// owns nothing it need not and is no superuser; migrations run as the owner role.
/// </summary>
public sealed class DatabaseRolesTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_application_works_as_a_role_that_is_no_superuser_and_owns_nothing()
    {
        await using var cmd = db.Database.DataSource.CreateCommand("""
            SELECT current_user,
                   (SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls FROM pg_roles WHERE rolname = current_user),
                   (SELECT count(*) FROM pg_class WHERE relowner = current_user::regrole AND relpersistence <> 't'),
                   (SELECT count(*) FROM pg_proc WHERE proowner = current_user::regrole),
                   has_database_privilege(current_database(), 'CREATE'), has_schema_privilege(current_schema(), 'CREATE')
            """);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();

        Assert.Equal(TestPostgres.Roles.App, r.GetString(0));
        Assert.Equal((false, 0L, 0L, false, false), (r.GetBoolean(1), r.GetInt64(2), r.GetInt64(3), r.GetBoolean(4), r.GetBoolean(5)));
    }

    [Fact]
    public async Task Migrations_run_as_the_owner_which_owns_every_table()
    {
        Assert.Equal(0, await db.ScalarAsync($"""
            SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p', 'S', 'v')
              AND relowner <> '{TestPostgres.Roles.Owner}'::regrole
            """));
        Assert.Equal(TestPostgres.Roles.Owner, await db.ScalarTextAsync("SELECT pg_get_userbyid(proowner)::text FROM pg_proc WHERE proname = 'audit_append'"));
        Assert.Equal(TestPostgres.Roles.Owner, await db.ScalarTextAsync("SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = current_database()"));
    }

    [Fact]
    public async Task A_database_made_before_the_roles_is_handed_to_the_owner_and_opens_as_the_application()
    {
        // As the product did before the roles: the superuser creates, migrates and owns everything.
        var server = await TestPostgres.ServerConnectionAsync();
        var name = $"lq_test_{Guid.NewGuid():N}";
        await Database.EnsureDatabaseAsync(server, name, CancellationToken.None);
        await using (var old = await Database.OpenAsync(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, "unused", false,
                         CancellationToken.None))
            Assert.False(old.HasSeparateOwner);

        await TestPostgres.Roles.EnsureDatabaseAsync(server, name, CancellationToken.None);
        await using var database = await Database.OpenAsync(await TestPostgres.ConnectionAsync(name, TestPostgres.Roles.App),
            await TestPostgres.ConnectionAsync(name, TestPostgres.Roles.Owner), "unused", false, CancellationToken.None);

        await using (var owned = database.Owner.CreateCommand(
                         "SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relowner <> current_user::regrole"))
            Assert.Equal(0L, await owned.ExecuteScalarAsync());
        await using var truncate = database.DataSource.CreateCommand("TRUNCATE audit_events");
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => truncate.ExecuteNonQueryAsync())).SqlState);
        await using var append = database.DataSource.CreateCommand("SELECT audit_append('H-1', 'test', 'imported', '{\"import_id\": 1}')");
        Assert.Equal(1, await append.ExecuteScalarAsync());
    }
}
