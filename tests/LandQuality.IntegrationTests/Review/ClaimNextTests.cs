using LandQuality.Audit;
using LandQuality.Review.Cases;
using LandQuality.Review.Queue;

namespace LandQuality.IntegrationTests.Review;

/// <summary>Claim next is one SQL statement (reviewer lookup, pick, claim, audit entry): what it takes, and what it refuses.</summary>
public sealed class ClaimNextTests : IAsyncLifetime
{
    const string Commune = "19774";
    readonly TestDatabase db = new();
    ReviewScenario Scenario => new(db);

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        await Scenario.SeedReviewersAsync();
        await Scenario.AddSerialDefectsAsync(Commune, 3);
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Claim_next_takes_the_best_open_task_of_the_reviewers_queue_and_records_the_claim_in_the_audit_chain()
    {
        await using (var cmd = db.Database.DataSource.CreateCommand($"UPDATE review_tasks SET priority = 9 WHERE parcel_id = 'C{Commune}-2'"))
            await cmd.ExecuteNonQueryAsync();

        var task = await new ReviewQueue(db.Database).ClaimNextAsync($"xa.{Commune}.1", CancellationToken.None);

        Assert.NotNull(task);
        Assert.Equal(($"C{Commune}-2", "claimed", $"xa.{Commune}.1", 1, 9), (task.ParcelId, task.Status, task.ClaimedBy, task.Revision, task.Priority));
        var stored = await Scenario.OpenTaskAsync(task.ParcelId);
        Assert.Equal((ReviewTaskStatus.Claimed, $"xa.{Commune}.1", 1), (stored.Status, stored.ClaimedBy, stored.Revision));
        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM audit_events WHERE parcel_id = '{task.ParcelId}' AND kind = 'task_claimed' AND actor = 'xa.{Commune}.1'"));
        Assert.True((await AuditVerifier.VerifyAsync(db.Database.DataSource, CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task A_claim_gets_a_connection_while_decisions_hold_every_one_of_theirs()
    {
        // Two connections for decisions, one for claims; waiting for a pooled connection gives up after 2 s.
        var small = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.ConnectionString) { MaxPoolSize = 2, Timeout = 2 };
        await using var database = LandQuality.Data.Database.Attach(small.ConnectionString);
        await using var first = await database.Stateless.OpenConnectionAsync();
        await using var second = await database.Stateless.OpenConnectionAsync();

        var task = await new ReviewQueue(database).ClaimNextAsync($"xa.{Commune}.1", CancellationToken.None);

        Assert.NotNull(task);
        await Assert.ThrowsAsync<Npgsql.NpgsqlException>(async () => await database.Stateless.OpenConnectionAsync());
    }

    [Fact]
    public async Task Claim_next_refuses_an_unregistered_reviewer_and_returns_null_when_the_queue_is_empty()
    {
        var queue = new ReviewQueue(db.Database);
        await Assert.ThrowsAsync<ReviewForbiddenException>(() => queue.ClaimNextAsync("nobody", CancellationToken.None));
        // Another commune's officer has no task here; a supervisor sees only escalated ones, and none is.
        Assert.Null(await queue.ClaimNextAsync("xa.19753.1", CancellationToken.None));
        Assert.Null(await queue.ClaimNextAsync($"xa.{Commune}.truong", CancellationToken.None));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM review_tasks WHERE status = 'Claimed'"));
    }

    [Fact]
    public async Task A_supervisor_claims_next_only_tasks_escalated_to_their_role()
    {
        await new ReviewSweep(db.Database).RunOnceAsync("sweeper", DateTimeOffset.UtcNow.AddDays(30), CancellationToken.None);

        var task = await new ReviewQueue(db.Database).ClaimNextAsync($"xa.{Commune}.truong", CancellationToken.None);

        Assert.NotNull(task);
        Assert.True(task.Escalated);
        Assert.Equal($"xa.{Commune}.truong", (await Scenario.OpenTaskAsync(task.ParcelId)).ClaimedBy);
        Assert.StartsWith($"C{Commune}-", task.ParcelId, StringComparison.Ordinal);
    }
}
