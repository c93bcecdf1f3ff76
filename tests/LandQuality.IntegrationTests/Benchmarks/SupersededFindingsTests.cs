using LandQuality.Benchmarks;
using LandQuality.IntegrationTests.Review;
using LandQuality.Rules.Runs;

namespace LandQuality.IntegrationTests.Benchmarks;

/// <summary>The evaluation benchmark's clean-up of earlier runs' findings, in a database of its own per test.</summary>
public sealed class SupersededFindingsTests : IAsyncLifetime
{
    readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();

    /// <summary>Two full runs over parcels with a finding each: the statuses point to the second.</summary>
    async Task<(long First, long Second)> TwoRunsAsync()
    {
        var scenario = new ReviewScenario(db);
        await scenario.AddParcelAsync("SF-1", 1, "missing_certificate_serial");
        await scenario.AddParcelAsync("SF-2", 2, "name_differs_from_registry");
        var runner = new EvaluationRunner(db.Database);
        var first = await runner.RunAsync(new EvaluationRequest("test"), null, CancellationToken.None);
        var second = await runner.RunAsync(new EvaluationRequest("test"), null, CancellationToken.None);
        return (first.RunId, second.RunId);
    }

    [Fact]
    public async Task Only_the_findings_of_runs_no_status_points_to_are_deleted()
    {
        var (first, second) = await TwoRunsAsync();
        var kept = await db.ScalarAsync($"SELECT count(*) FROM findings WHERE run_id = {second}");
        Assert.True(kept >= 2);
        Assert.Equal(kept, await db.ScalarAsync($"SELECT count(*) FROM findings WHERE run_id = {first}"));
        // The first run's, and those the scenario's single-parcel evaluations stored under runs of their own.
        var superseded = await db.ScalarAsync($"SELECT count(*) FROM findings WHERE run_id <> {second}");
        await using (var mark = db.Superuser.CreateCommand(
                         $"COMMENT ON DATABASE {await db.ScalarTextAsync("SELECT current_database()")} IS '{BenchDatabase.Marker}'"))
            await mark.ExecuteNonQueryAsync();
        var log = new List<string>();

        await SupersededFindings.PruneAsync(db.Database, log.Add, CancellationToken.None);

        Assert.Equal(0, await db.ScalarAsync($"SELECT count(*) FROM findings WHERE run_id <> {second}"));
        Assert.Equal(kept, await db.ScalarAsync($"SELECT count(*) FROM findings WHERE run_id = {second}"));
        Assert.Contains(log, l => l.StartsWith($"untimed: {superseded:N0} findings of superseded runs deleted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_database_no_benchmark_created_is_refused_and_keeps_every_finding()
    {
        await TwoRunsAsync();
        var before = await db.ScalarAsync("SELECT count(*) FROM findings");

        await Assert.ThrowsAsync<NotABenchDatabaseException>(() => SupersededFindings.PruneAsync(db.Database, _ => { }, CancellationToken.None));

        Assert.Equal(before, await db.ScalarAsync("SELECT count(*) FROM findings"));
    }
}
