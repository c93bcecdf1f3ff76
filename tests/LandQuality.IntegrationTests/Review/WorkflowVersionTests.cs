using LandQuality.Review.Cases;
using LandQuality.Review.Definitions;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.IntegrationTests.Review;

/// <summary>Workflow versions added and published without a rebuild; cases stay on the version they were opened with.</summary>
public sealed class WorkflowVersionTests : IAsyncLifetime
{
    const string Workflow = "campaign-2025";
    readonly TestDatabase db = new();
    ReviewScenario Scenario => new(db);
    WorkflowStore Store => new(db.Database);

    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();

    static readonly string Shipped = ShippedWorkflows.All.Single(w => w.Id == Workflow && w.Version == 1).Content;

    /// <summary>The shipped version renumbered, with a longer commune deadline (the same text in every test: definitions are cached per process).</summary>
    static string Version(int n) => Shipped.Replace("\"version\": 1,", $"\"version\": {n},", StringComparison.Ordinal)
        .Replace("\"dueDays\": 14,", $"\"dueDays\": {14 + n},", StringComparison.Ordinal);

    [Fact]
    public async Task A_published_version_takes_new_cases_while_cases_opened_before_stay_on_theirs()
    {
        await Scenario.AddParcelAsync("W-1", 9201, "missing_certificate_serial");
        await Scenario.OpenCasesAsync();

        var added = await Store.AddAsync(Version(2), "policy.1", "longer commune deadline", CancellationToken.None);
        Assert.Equal((2, false, false), (added.Version.Version, added.Version.IsPublished, added.AlreadyStored));
        await Scenario.AddParcelAsync("W-2", 9202, "missing_certificate_serial");
        await Scenario.OpenCasesAsync();
        Assert.Equal(1, (await Scenario.CaseAsync("W-2")).WorkflowVersion); // a draft takes no cases

        var publication = await Store.PublishAsync(Workflow, 2, "policy.2", CancellationToken.None);
        await Scenario.AddParcelAsync("W-3", 9203, "missing_certificate_serial");
        await Scenario.OpenCasesAsync();

        Assert.Equal((1, "policy.2"), (publication.PreviousVersion, publication.PublishedBy));
        Assert.Equal(1, (await Scenario.CaseAsync("W-1")).WorkflowVersion);
        Assert.Equal(1, (await Scenario.CaseAsync("W-2")).WorkflowVersion);
        Assert.Equal(2, (await Scenario.CaseAsync("W-3")).WorkflowVersion);
        var due = await db.ScalarAsync("SELECT (due_at::date - created_at::date) FROM review_tasks WHERE parcel_id = 'W-3'");
        Assert.Equal(16, due);
        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM workflow_definitions WHERE workflow_id = '{Workflow}' AND is_published"));
        var list = await Store.ListAsync(Workflow, CancellationToken.None);
        Assert.Equal([(1, false, 2L), (2, true, 1L)], list.Select(l => (l.Version.Version, l.Version.IsPublished, l.Cases)));
        Assert.Equal(("policy.1", "longer commune deadline", "policy.2"), (list[1].Version.CreatedBy, list[1].Version.Note, list[1].Version.PublishedBy));

        // A case opened on version 1 keeps routing on version 1 after the publication.
        await Scenario.SeedReviewersAsync();
        var moved = await Scenario.ActAsync("xa.19753.1", "W-1", "submit_corrections", null, new FieldChange("certificate_serial", "CS 920101"));
        Assert.Equal("department", moved.ToStage);
        Assert.Equal(1, (await Scenario.CaseAsync("W-1")).WorkflowVersion);
    }

    [Fact]
    public async Task A_bad_file_is_refused_with_each_problem_and_its_position_and_nothing_is_stored()
    {
        var broken = await Assert.ThrowsAsync<WorkflowRejectedException>(() =>
            Store.AddAsync("{ \"id\": \"campaign-2025\", \"version\": 2, \"stages\": [ } ", "policy.1", null, CancellationToken.None));
        Assert.Contains(broken.Problems, p => p.Line is not null && p.Position is not null);

        var invalid = await Assert.ThrowsAsync<WorkflowRejectedException>(() => Store.AddAsync(
            Version(2).Replace("\"initialStage\": \"commune\"", "\"initialStage\": \"nowhere\"", StringComparison.Ordinal)
                .Replace("\"to\": \"department\"", "\"to\": \"departement\"", StringComparison.Ordinal), "policy.1", null, CancellationToken.None));
        Assert.Contains(invalid.Problems, p => p.Path == "initialStage");
        Assert.Contains(invalid.Problems, p => p.Path.StartsWith("stages[0].decisions[0]", StringComparison.Ordinal));

        var misnumbered = await Assert.ThrowsAsync<WorkflowRejectedException>(() => Store.AddAsync(Version(5), "policy.1", null, CancellationToken.None));
        Assert.Equal("version", misnumbered.Problems.Single().Path);
        Assert.Contains("next version of campaign-2025 is 2", misnumbered.Problems.Single().Message, StringComparison.Ordinal);

        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM workflow_definitions"));
    }

    [Fact]
    public async Task Content_already_stored_is_reported_as_that_version()
    {
        var same = await Store.AddAsync(Shipped, "policy.1", null, CancellationToken.None);
        Assert.Equal((1, true, true), (same.Version.Version, same.AlreadyStored, same.Version.IsPublished));

        await Store.AddAsync(Version(2), "policy.1", null, CancellationToken.None);
        var again = await Store.AddAsync(Version(2), "policy.2", null, CancellationToken.None);
        Assert.Equal((2, true), (again.Version.Version, again.AlreadyStored));
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM workflow_definitions"));

        // Stored versions are immutable: the database refuses to edit or delete one.
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.ScalarAsync("UPDATE workflow_definitions SET content = '{}' WHERE version = 2 RETURNING 1"));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.ScalarAsync("DELETE FROM workflow_definitions WHERE version = 2 RETURNING 1"));
    }

    [Fact]
    public async Task Seeding_a_later_release_does_not_overwrite_a_version_a_person_published()
    {
        await Store.AddAsync(Version(2), "policy.1", null, CancellationToken.None);
        await Store.PublishAsync(Workflow, 2, "policy.1", CancellationToken.None);
        await Store.PublishAsync(Workflow, 1, "policy.2", CancellationToken.None); // back to 1, on purpose

        // A later release ships version 3: without the people's decision it would be published.
        await WorkflowStore.SeedAsync(db.Database, [(Workflow, 1, Shipped), (Workflow, 3, Version(3))], CancellationToken.None);

        Assert.Equal(1, (await Store.GetPublishedAsync(Workflow, CancellationToken.None)).Version);
        Assert.Equal(3, await db.ScalarAsync($"SELECT count(*) FROM workflow_definitions WHERE workflow_id = '{Workflow}'"));
        await using var context = db.Database.CreateContext();
        Assert.Equal([(2, (int?)1, "policy.1"), (1, 2, "policy.2")],
            (await context.WorkflowPublications.OrderBy(p => p.Id).ToListAsync()).Select(p => (p.Version, p.PreviousVersion, p.PublishedBy)));
    }

    [Fact]
    public async Task Seeding_publishes_the_highest_shipped_version_not_a_draft_someone_added()
    {
        await Store.AddAsync(Version(2), "policy.1", null, CancellationToken.None);

        await WorkflowStore.SeedAsync(db.Database, [(Workflow, 1, Shipped), (Workflow, 3, Version(3))], CancellationToken.None);

        Assert.Equal(3, (await Store.GetPublishedAsync(Workflow, CancellationToken.None)).Version);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.PublishAsync(Workflow, 9, "policy.1", CancellationToken.None));
    }
}
