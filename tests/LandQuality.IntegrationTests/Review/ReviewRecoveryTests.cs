using LandQuality.Review.Cases;
using LandQuality.Review.Queue;

namespace LandQuality.IntegrationTests.Review;

/// <summary>Crashes and clocks: what a restart, a stale client and the SLA sweep do to cases.</summary>
public sealed class ReviewRecoveryTests : IAsyncLifetime
{
    const string Commune = "19789";
    readonly TestDatabase db = new();
    ReviewScenario Scenario => new(db);

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        await Scenario.SeedReviewersAsync();
        await Scenario.AddSerialDefectsAsync(Commune, 4);
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task A_process_that_dies_after_the_approval_commits_leaves_a_case_the_sweep_finishes_once()
    {
        var parcel = $"C{Commune}-1";
        await Scenario.ActAsync($"xa.{Commune}.1", parcel, "submit_corrections", null, new FieldChange("certificate_serial", "CS 777777"));
        var task = await Scenario.OpenTaskAsync(parcel);
        var claimed = await new ReviewQueue(db.Database).ClaimAsync("so.1", task.Id, CancellationToken.None);
        // The approval commits with the case at its automatic stage; the process dies before re-evaluating.
        var outcome = await new DecisionService(db.Database) { RunsAutomaticStages = false }.DecideAsync(
            new DecisionRequest("so.1", task.Id, claimed.Revision, "approve", "op-crash"), CancellationToken.None);
        Assert.True(outcome.RunAutomatic);
        Assert.Equal("reevaluate", (await Scenario.CaseAsync(parcel)).Stage);

        var sweeps = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            new ReviewSweep(db.Database).RunOnceAsync("sweeper", DateTimeOffset.UtcNow, CancellationToken.None)));
        await new ReviewSweep(db.Database).RunOnceAsync("sweeper", DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(1, sweeps.Sum(s => s.AutomaticResumed));
        Assert.Equal(CaseStatus.Verified, (await Scenario.CaseAsync(parcel)).Status);
        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM review_cases WHERE parcel_id = '{parcel}'"));
        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM audit_events WHERE parcel_id = '{parcel}' AND kind = 'case_closed'"));
    }

    [Fact]
    public async Task A_decision_quoting_a_stale_revision_is_refused_and_changes_nothing()
    {
        var parcel = $"C{Commune}-2";
        var task = await Scenario.OpenTaskAsync(parcel);
        var claimed = await new ReviewQueue(db.Database).ClaimAsync($"xa.{Commune}.1", task.Id, CancellationToken.None);

        await Assert.ThrowsAsync<ReviewConflictException>(() => new DecisionService(db.Database).DecideAsync(
            new DecisionRequest($"xa.{Commune}.1", task.Id, claimed.Revision - 1, "submit_corrections", "op-stale"), CancellationToken.None));

        Assert.Equal("commune", (await Scenario.CaseAsync(parcel)).Stage);
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM task_operations WHERE operation_id = 'op-stale'"));
    }

    [Fact]
    public async Task A_repeated_decision_returns_the_stored_outcome_and_writes_nothing_more()
    {
        var parcel = $"C{Commune}-4";
        var user = $"xa.{Commune}.1";
        var task = await Scenario.OpenTaskAsync(parcel);
        var claimed = await new ReviewQueue(db.Database).ClaimAsync(user, task.Id, CancellationToken.None);
        var request = new DecisionRequest(user, task.Id, claimed.Revision, "submit_corrections", "op-retry", null,
            [new FieldChange("certificate_serial", "CS 444444")]);

        var first = await new DecisionService(db.Database).DecideAsync(request, CancellationToken.None);
        var events = await db.ScalarAsync($"SELECT count(*) FROM audit_events WHERE parcel_id = '{parcel}'");
        var retry = await new DecisionService(db.Database).DecideAsync(request, CancellationToken.None);

        Assert.Equal(first, retry);
        Assert.Equal(("commune", "department", "open"), (first.FromStage, first.ToStage, first.Status));
        Assert.Equal(events, await db.ScalarAsync($"SELECT count(*) FROM audit_events WHERE parcel_id = '{parcel}'"));
        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM corrections WHERE parcel_id = '{parcel}' AND before IS NULL AND after = 'CS 444444'"));
        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM review_tasks WHERE parcel_id = '{parcel}' AND stage = 'department' AND status = 'Open'"));
        // The same operation id on another task is a client bug, not a retry.
        var other = await Scenario.OpenTaskAsync($"C{Commune}-2");
        await Assert.ThrowsAsync<OperationReusedException>(() => new DecisionService(db.Database).DecideAsync(
            request with { TaskId = other.Id }, CancellationToken.None));
    }

    [Fact]
    public async Task Overdue_tasks_escalate_to_the_supervisor_who_can_reassign_them_and_only_one_node_sweeps_at_a_time()
    {
        var parcel = $"C{Commune}-3";
        var supervisor = $"xa.{Commune}.truong";
        await using (var holder = await db.Database.DataSource.OpenConnectionAsync())
        {
            await using (var hold = holder.CreateCommand())
            {
                hold.CommandText = $"SELECT pg_advisory_lock({0x4C51_5357})";
                await hold.ExecuteScalarAsync();
            }
            var blocked = await new ReviewSweep(db.Database).RunOnceAsync("node-2", DateTimeOffset.UtcNow.AddDays(30), CancellationToken.None);
            Assert.False(blocked.Ran);
            await using var release = holder.CreateCommand();
            release.CommandText = $"SELECT pg_advisory_unlock({0x4C51_5357})";
            await release.ExecuteScalarAsync();
        }

        var swept = await new ReviewSweep(db.Database).RunOnceAsync("node-1", DateTimeOffset.UtcNow.AddDays(30), CancellationToken.None);

        Assert.True(swept.Ran);
        Assert.True(swept.Escalated >= 1);
        Assert.Equal(swept.Escalated, await db.ScalarAsync("SELECT count(*) FROM audit_events WHERE kind = 'escalated' AND actor = 'node-1'"));
        var task = await Scenario.OpenTaskAsync(parcel);
        Assert.Equal(Roles.CommuneSupervisor, task.EscalatedToRole);
        Assert.Contains(await new ReviewQueue(db.Database).ListAsync(supervisor, 100, CancellationToken.None), t => t.Id == task.Id && t.Escalated);
        var reassigned = await new ReviewQueue(db.Database).ReassignAsync(supervisor, task.Id, $"xa.{Commune}.2", CancellationToken.None);
        Assert.Equal(($"xa.{Commune}.2", "claimed"), (reassigned.ClaimedBy, reassigned.Status));
        await Assert.ThrowsAsync<ReviewForbiddenException>(() =>
            new ReviewQueue(db.Database).ReassignAsync($"xa.{Commune}.1", task.Id, $"xa.{Commune}.2", CancellationToken.None));
    }
}
