using System.Data;
using System.Globalization;
using System.CommandLine;
using LandQuality.Data;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq db migrate | status | stop</c>.</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var db = new Command("db", "The PostgreSQL database: LQ_CONNECTION, or a private local cluster under .lq/.");

        var migrate = new Command("migrate", "Apply pending migrations and seed reference data (every command also does this).");
        migrate.SetAction(async (_, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]Database is up to date[/] ({Describe(database)}).");
            return 0;
        });

        var status = new Command("status", "Show which database is used and how many rows each land table holds.");
        status.SetAction(async (_, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            var table = new Table().AddColumns("table", "rows");
            foreach (var name in new[] { "parcels", "parcel_purposes", "certificates", "owners", "population_records", "imports", "import_rejects" })
            {
                await using var cmd = database.DataSource.CreateCommand($"SELECT count(*) FROM {name}");
                table.AddRow(name, $"{(long)(await cmd.ExecuteScalarAsync(ct))!:N0}");
            }
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Database: {Describe(database)}");
            AnsiConsole.Write(table);
            await JobLease.MarkAbandonedAsync(database.DataSource, ct);
            AnsiConsole.Write(await JobsTableAsync(database, ct));
            return 0;
        });

        var stop = new Command("stop", "Stop the private local cluster (no effect on a database named by LQ_CONNECTION).");
        stop.SetAction(async (_, ct) =>
        {
            var stopped = await LocalPostgres.StopIfRunningAsync(CliDatabase.Home, ct);
            AnsiConsole.WriteLine(stopped ? "Local PostgreSQL stopped." : "No local PostgreSQL was running.");
            return 0;
        });

        db.Subcommands.Add(migrate);
        db.Subcommands.Add(status);
        db.Subcommands.Add(stop);
        return db;
    }

    /// <summary>Imports and evaluation runs by status; one still running or abandoned is listed by id, to resume or look into.</summary>
    static async Task<Table> JobsTableAsync(Database database, CancellationToken ct)
    {
        var table = new Table().AddColumns("việc / job", "trạng thái / status", "số / count", "mã / ids");
        await using var cmd = database.DataSource.CreateCommand("""
            SELECT 'import' AS job, status, count(*) AS n, string_agg(id::text, ', ' ORDER BY id) FILTER (WHERE status IN ('Running', 'Abandoned')) AS ids
            FROM imports GROUP BY status
            UNION ALL
            SELECT 'evaluate', status, count(*), string_agg(id::text, ', ' ORDER BY id) FILTER (WHERE status IN ('Running', 'Abandoned'))
            FROM evaluation_runs GROUP BY status
            ORDER BY 1, 2
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            table.AddRow(Markup.Escape(reader.GetFieldValue<string>("job")), Markup.Escape(reader.GetFieldValue<string>("status")),
                reader.GetFieldValue<long>("n").ToString("N0", CultureInfo.InvariantCulture),
                Markup.Escape(reader.GetStringOrNull("ids") ?? "")); // null for statuses whose jobs are not listed
        return table;
    }

    static string Describe(Database database)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString);
        return $"{b.Host}:{b.Port}/{b.Database}" + (database.IsLocalCluster ? $" — local cluster in {CliDatabase.Home}" : "");
    }
}
