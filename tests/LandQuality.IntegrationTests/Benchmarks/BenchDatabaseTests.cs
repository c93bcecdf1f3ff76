using LandQuality.Benchmarks;
using LandQuality.IntegrationTests.Review;
using Npgsql;

namespace LandQuality.IntegrationTests.Benchmarks;

/// <summary>
/// Benchmarks empty and rewrite their database, so they work only in one they created: an ordinary
/// database (like one named by LQ_CONNECTION) is refused before anything in it changes.
/// </summary>
public class BenchDatabaseTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_review_benchmark_refuses_a_database_it_did_not_create_and_empties_nothing()
    {
        var scenario = new ReviewScenario(db);
        await scenario.AddParcelAsync("BENCH-1", 1, "missing_certificate_serial");
        await scenario.OpenCasesAsync();
        var before = (await db.ScalarAsync("SELECT count(*) FROM audit_events"), await db.ScalarAsync("SELECT count(*) FROM review_cases"));

        var refused = await Assert.ThrowsAsync<NotABenchDatabaseException>(() => ReviewBenchmark.RunAsync(db.Database, cases: 10, reviewers: 2,
            TimeSpan.FromSeconds(1), thinkMs: 0, poolSize: 2, _ => { }, CancellationToken.None));

        Assert.Contains("was not created by a benchmark", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await db.ScalarAsync("SELECT count(*) FROM audit_events"), await db.ScalarAsync("SELECT count(*) FROM review_cases")));
        Assert.True(before.Item1 > 0 && before.Item2 > 0);
    }

    [Fact]
    public async Task The_evaluation_benchmark_refuses_a_database_it_did_not_create()
    {
        var refused = await Assert.ThrowsAsync<NotABenchDatabaseException>(() =>
            EvaluationBenchmark.RunAsync(db.Database, referenceSample: 10, _ => { }, CancellationToken.None));

        Assert.Contains("was not created by a benchmark", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_is_neither_opened_nor_dropped_as_a_benchmark_s_unless_a_benchmark_created_it()
    {
        var server = await TestPostgres.ServerConnectionAsync();
        var ordinary = $"lq_test_{Guid.NewGuid():N}";
        await LandQuality.Data.Database.EnsureDatabaseAsync(server, ordinary, CancellationToken.None);

        await Assert.ThrowsAsync<NotABenchDatabaseException>(() => BenchDatabase.EnsureAsync(server, ordinary, CancellationToken.None));
        await Assert.ThrowsAsync<NotABenchDatabaseException>(() => BenchDatabase.RecreateAsync(server, ordinary, CancellationToken.None));
        Assert.True(await ExistsAsync(server, ordinary));
    }

    [Fact]
    public async Task A_database_a_benchmark_created_is_its_own_again_after_being_recreated()
    {
        var server = await TestPostgres.ServerConnectionAsync();
        var name = $"lq_test_bench_{Guid.NewGuid():N}";

        await using (var created = await BenchDatabase.OpenAsync(server, name, maxPoolSize: 2, CancellationToken.None))
            await BenchDatabase.RequireOwnAsync(created.DataSource, CancellationToken.None);
        var recreated = await BenchDatabase.RecreateAsync(server, name, CancellationToken.None);
        Assert.Equal(recreated, await BenchDatabase.EnsureAsync(server, name, CancellationToken.None));
    }

    static async Task<bool> ExistsAsync(string server, string name)
    {
        await using var conn = new NpgsqlConnection(server);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn) { Parameters = { new() { Value = name } } };
        return await cmd.ExecuteScalarAsync() is not null;
    }
}
