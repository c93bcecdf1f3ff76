namespace LandQuality.IntegrationTests.Cli;

/// <summary>
/// <c>lq db status</c> failed with "Column 'ids' is null" as soon as a job had completed: only running and
/// abandoned jobs are listed by id, and the others' empty list was read as a string.
/// </summary>
public sealed class DbStatusTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Completed_jobs_are_counted_and_abandoned_ones_listed_by_id()
    {
        await db.ScalarAsync("INSERT INTO imports (imported_by, source, started_at, status) VALUES ('test', '/x', now(), 'Completed') RETURNING id");
        var abandoned = await db.ScalarAsync("INSERT INTO imports (imported_by, source, started_at, status) VALUES ('test', '/y', now(), 'Running') RETURNING id");

        var lines = (await Lq.SucceedsAsync(db.ConnectionString, "db", "status")).Split('\n');

        Assert.Contains(lines, l => l.Contains("Completed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Abandoned", StringComparison.Ordinal) && l.Contains($"{abandoned}", StringComparison.Ordinal));
    }
}
