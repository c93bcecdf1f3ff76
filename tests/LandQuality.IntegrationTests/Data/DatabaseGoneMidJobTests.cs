using LandQuality.Data;
using LandQuality.Imports;
using LandQuality.IntegrationTests.Rules;
using LandQuality.Rules.Runs;
using Npgsql;

namespace LandQuality.IntegrationTests.Data;

/// <summary>
/// When PostgreSQL went away mid-run, <c>lq evaluate</c> died on "Connection refused" thrown while recording the
/// failure, and the real cause was lost (issue "Hardening"). The cause propagates now, the failure to record it
/// rides along, and the job, left Running without its lease, is marked Abandoned once the database is back.
/// </summary>
/// <remarks>
/// "Gone" is this test database refusing connections, with every session on it ended, as a server shutting down
/// ends them: the shared test server keeps running for the other classes.
/// </remarks>
public sealed class DatabaseGoneMidJobTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    [Fact]
    public async Task A_run_whose_database_goes_away_fails_with_its_own_cause_and_can_be_resumed_once_it_is_back()
    {
        var runner = new EvaluationRunner(data.Db.Database) { BatchSize = 500 };
        Exception thrown;
        try
        {
            thrown = await Assert.ThrowsAnyAsync<Exception>(() =>
                runner.RunAsync(new EvaluationRequest("test"), new OnFirstReport<long>(CutOff), CancellationToken.None));
        }
        finally
        {
            await RestoreAsync();
        }

        var notRecorded = Assert.IsAssignableFrom<Exception>(thrown.Data[JobFailure.NotRecordedKey]);
        Assert.NotSame(thrown, notRecorded);
        var runId = Assert.IsType<long>(thrown.Data[JobFailure.EvaluationRunKey]);
        Assert.Equal("Running", await data.Db.ScalarTextAsync($"SELECT status FROM evaluation_runs WHERE id = {runId}"));
        await JobLease.MarkAbandonedAsync(data.Db.Database.DataSource, CancellationToken.None);
        Assert.Equal("Abandoned", await data.Db.ScalarTextAsync($"SELECT status FROM evaluation_runs WHERE id = {runId}"));

        var resumed = await new EvaluationRunner(data.Db.Database).RunAsync(new EvaluationRequest("test", ResumeRunId: runId), null, CancellationToken.None);
        Assert.Equal((long)GeneratedDataSet.Parcels, resumed.ParcelsEvaluated);
    }

    [Fact]
    public async Task An_import_whose_database_goes_away_fails_with_its_own_cause()
    {
        Exception thrown;
        try
        {
            thrown = await Assert.ThrowsAnyAsync<Exception>(() =>
                new Importer(data.Db.Database).RunAsync(data.Directory, "test", new OnFirstReport<ImportProgress>(CutOff), CancellationToken.None));
        }
        finally
        {
            await RestoreAsync();
        }

        var notRecorded = Assert.IsAssignableFrom<Exception>(thrown.Data[JobFailure.NotRecordedKey]);
        Assert.NotSame(thrown, notRecorded);
        await JobLease.MarkAbandonedAsync(data.Db.Database.DataSource, CancellationToken.None);
        Assert.Equal("Abandoned", await data.Db.ScalarTextAsync("SELECT status FROM imports ORDER BY id DESC LIMIT 1"));
    }

    string DatabaseName => new NpgsqlConnectionStringBuilder(data.Db.ConnectionString).Database!;

    /// <summary>The database goes away: no new session is let in, and every open one is ended.</summary>
    void CutOff() => OnServerAsync($"""
        ALTER DATABASE "{DatabaseName}" ALLOW_CONNECTIONS false;
        SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{DatabaseName}' AND pid <> pg_backend_pid();
        """).GetAwaiter().GetResult();

    /// <summary>The database is back; the pools drop the connections whose sessions were ended.</summary>
    async Task RestoreAsync()
    {
        await OnServerAsync($"""ALTER DATABASE "{DatabaseName}" ALLOW_CONNECTIONS true""");
        foreach (var pool in new[] { data.Db.Database.DataSource, data.Db.Database.Stateless, data.Db.Database.Quick })
            pool.Clear();
    }

    static async Task OnServerAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(await TestPostgres.ServerConnectionAsync());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Calls <paramref name="action"/> at the job's first progress report, on the job's own thread, before the job goes on.</summary>
    sealed class OnFirstReport<T>(Action action) : IProgress<T>
    {
        int _reported;

        public void Report(T value)
        {
            if (Interlocked.Exchange(ref _reported, 1) == 0)
                action();
        }
    }
}
