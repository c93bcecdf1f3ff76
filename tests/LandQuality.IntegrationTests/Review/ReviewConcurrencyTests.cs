using System.Collections.Concurrent;
using LandQuality.Audit;
using LandQuality.Review.Cases;
using LandQuality.Review.Queue;

namespace LandQuality.IntegrationTests.Review;

/// <summary>Many reviewers at once against one real PostgreSQL: no task is claimed twice and no decision is lost or doubled.</summary>
public sealed class ReviewConcurrencyTests : IAsyncLifetime
{
    const string Commune = "19774";
    const int Cases = 60;
    const int Reviewers = 8;
    readonly TestDatabase db = new();

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        var scenario = new ReviewScenario(db);
        await scenario.SeedReviewersAsync(perCommune: Reviewers);
        await scenario.AddSerialDefectsAsync(Commune, Cases);
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Parallel_reviewers_claim_each_task_once_and_every_decision_lands_exactly_once()
    {
        var claimed = new ConcurrentBag<long>();
        var decided = new ConcurrentBag<long>();
        await Task.WhenAll(Enumerable.Range(1, Reviewers).Select(n => Task.Run(async () =>
        {
            var user = $"xa.{Commune}.{n}";
            while (await new ReviewQueue(db.Database).ClaimNextAsync(user, CancellationToken.None) is { } task)
            {
                claimed.Add(task.Id);
                var operation = Guid.NewGuid().ToString("N");
                var request = new DecisionRequest(user, task.Id, task.Revision, "submit_corrections", operation, null,
                    [new FieldChange("certificate_serial", $"CS {task.Id:D6}")]);
                // Each request is sent twice, as a client retrying after a timeout would: the second must change nothing.
                var first = new DecisionService(db.Database).DecideAsync(request, CancellationToken.None);
                var retry = new DecisionService(db.Database).DecideAsync(request, CancellationToken.None);
                var outcomes = await Task.WhenAll(first, retry);
                Assert.Equal(outcomes[0], outcomes[1]);
                decided.Add(task.Id);
            }
        })));

        Assert.Equal(Cases, claimed.Count);
        Assert.Equal(Cases, claimed.Distinct().Count());
        Assert.Equal(Cases, decided.Distinct().Count());
        Assert.Equal(Cases, await db.ScalarAsync($"SELECT count(*) FROM review_tasks WHERE stage = 'department' AND status = 'Open' AND jurisdiction = '46'"));
        Assert.Equal(Cases, await db.ScalarAsync("SELECT count(*) FROM audit_events WHERE kind = 'decision'"));
        Assert.Equal(Cases, await db.ScalarAsync("SELECT count(*) FROM corrections WHERE status = 'Proposed'"));
        Assert.Equal(Cases, await db.ScalarAsync("SELECT count(*) FROM task_operations"));
        Assert.True((await AuditVerifier.VerifyAsync(db.Database.DataSource, CancellationToken.None)).Intact);
    }

    /// <summary>
    /// One new operation id sent for two tasks at the same moment: both may read it as unused, and then the key of
    /// task_operations refuses the second to commit — as the same refusal as a later reuse, never as a database error.
    /// </summary>
    [Fact]
    public async Task One_operation_id_sent_for_two_tasks_at_once_lands_once_and_the_other_is_told_it_was_used()
    {
        const string user = $"xa.{Commune}.1";
        const int Rounds = 5;
        for (var round = 0; round < Rounds; round++)
        {
            var tasks = new[]
            {
                (await new ReviewQueue(db.Database).ClaimNextAsync(user, CancellationToken.None))!,
                (await new ReviewQueue(db.Database).ClaimNextAsync(user, CancellationToken.None))!,
            };
            var operation = Guid.NewGuid().ToString("N");
            var attempts = tasks.Select(t => Task.Run(() => new DecisionService(db.Database).DecideAsync(
                new DecisionRequest(user, t.Id, t.Revision, "submit_corrections", operation, null, [new FieldChange("certificate_serial", $"CS {t.Id:D6}")]),
                CancellationToken.None))).ToArray();
            try { await Task.WhenAll(attempts); } catch (OperationReusedException) { } // one of the two, examined below

            Assert.Equal(1, attempts.Count(a => a.IsCompletedSuccessfully));
            var refused = attempts.Single(a => a.IsFaulted);
            Assert.IsType<OperationReusedException>(refused.Exception!.InnerException);
        }
        Assert.Equal(Rounds, await db.ScalarAsync("SELECT count(*) FROM task_operations"));
        Assert.Equal(Rounds, await db.ScalarAsync("SELECT count(*) FROM audit_events WHERE kind = 'decision'"));
    }
}
