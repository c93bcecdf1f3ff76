using LandQuality.Audit;
using LandQuality.Review.Cases;
using LandQuality.Review.Queue;

namespace LandQuality.IntegrationTests.Review;

public sealed class ReviewRoutingTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    readonly ReviewScenario scenario = new(db);
    const string Officer = "xa.19753.1";

    [Fact]
    public async Task A_case_with_only_sufficient_findings_goes_commune_department_verified_without_the_police()
    {
        await scenario.AddParcelAsync("R-S1", 9001, "missing_certificate_serial");
        await scenario.SeedReviewersAsync();
        await scenario.OpenCasesAsync();

        var submitted = await scenario.ActAsync(Officer, "R-S1", "submit_corrections", null, new FieldChange("certificate_serial", "CS 900001"));
        Assert.Equal(("commune", "department"), (submitted.FromStage, submitted.ToStage));
        Assert.Null(await db.ScalarTextAsync("SELECT serial FROM certificates WHERE parcel_id = 'R-S1'")); // proposed, not yet applied
        var approved = await scenario.ActAsync("so.1", "R-S1", "approve");

        var @case = await scenario.CaseAsync("R-S1");
        Assert.Equal("reevaluate", approved.ToStage);
        Assert.Equal((CaseStatus.Verified, "verified"), (@case.Status, @case.Stage));
        Assert.Equal("CS 900001", await db.ScalarTextAsync("SELECT serial FROM certificates WHERE parcel_id = 'R-S1'"));
        Assert.Equal(0, await db.ScalarAsync($"SELECT count(*) FROM review_tasks WHERE case_id = {@case.Id} AND stage = 'police'"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM parcel_status WHERE parcel_id = 'R-S1' AND correct AND sufficient AND clean AND alive"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM corrections WHERE parcel_id = 'R-S1' AND status = 'Applied' AND before IS NULL AND after = 'CS 900001'"));
    }

    [Fact]
    public async Task Identity_findings_visit_the_police_and_the_corrected_name_verifies_the_parcel()
    {
        await scenario.AddParcelAsync("R-P1", 9002, "name_differs_from_registry");
        await scenario.SeedReviewersAsync();
        await scenario.OpenCasesAsync();

        await scenario.ActAsync(Officer, "R-P1", "submit_corrections", null, new FieldChange("owners[1].full_name", "Nguyễn Văn Bính"));
        var approved = await scenario.ActAsync("so.1", "R-P1", "approve");
        Assert.Equal("police", approved.ToStage);
        var confirmed = await scenario.ActAsync("ca.1", "R-P1", "confirm");

        Assert.Equal("reevaluate", confirmed.ToStage);
        Assert.Equal(CaseStatus.Verified, (await scenario.CaseAsync("R-P1")).Status);
        Assert.Equal("Nguyễn Văn Bính", await db.ScalarTextAsync("SELECT full_name FROM owners WHERE parcel_id = 'R-P1' AND seq = 1"));
        var history = await ParcelHistory.LoadAsync(db.Database, "R-P1", CancellationToken.None);
        Assert.Equal(["imported", "evaluated", "case_opened"], history.Select(h => h.Kind).Take(3));
        Assert.Contains(history, h => h.Kind == "correction_applied" && h.Details.Contains("Nguyễn Văn Bình", StringComparison.Ordinal));
        Assert.Equal("case_closed", history[^1].Kind);
        Assert.True((await AuditVerifier.VerifyAsync(db.Database.DataSource, CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task A_return_needs_a_reason_sends_the_case_back_and_drops_the_unapproved_corrections()
    {
        await scenario.AddParcelAsync("R-R1", 9003, "missing_certificate_serial");
        await scenario.SeedReviewersAsync();
        await scenario.OpenCasesAsync();
        await scenario.ActAsync(Officer, "R-R1", "submit_corrections", null, new FieldChange("certificate_serial", "CS 000000"));

        var refused = await Assert.ThrowsAsync<ReviewException>(() => scenario.ActAsync("so.2", "R-R1", "return"));
        Assert.Contains("reason", refused.Message, StringComparison.Ordinal);
        await new ReviewQueue(db.Database).ReleaseAsync("so.2", (await scenario.OpenTaskAsync("R-R1")).Id, CancellationToken.None);
        var returned = await scenario.ActAsync("so.2", "R-R1", "return", "serial does not match the scanned certificate");

        Assert.Equal("commune", returned.ToStage);
        Assert.Equal("commune", (await scenario.OpenTaskAsync("R-R1")).Stage);
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM corrections WHERE parcel_id = 'R-R1' AND status = 'Rejected'"));
        Assert.Null(await db.ScalarTextAsync("SELECT serial FROM certificates WHERE parcel_id = 'R-R1'"));
    }

    [Fact]
    public async Task Reviewers_only_reach_tasks_of_their_role_and_jurisdiction_and_see_masked_ids_where_their_role_needs_none()
    {
        await scenario.AddParcelAsync("R-J1", 9004, "missing_certificate_serial");
        await scenario.SeedReviewersAsync();
        await scenario.OpenCasesAsync();
        var task = await scenario.OpenTaskAsync("R-J1");
        var queue = new ReviewQueue(db.Database);

        await Assert.ThrowsAsync<ReviewForbiddenException>(() => queue.ClaimAsync("xa.19774.1", task.Id, CancellationToken.None));
        await Assert.ThrowsAsync<ReviewForbiddenException>(() => queue.ClaimAsync("so.1", task.Id, CancellationToken.None));
        await Assert.ThrowsAsync<ReviewForbiddenException>(() => queue.ClaimAsync("nobody", task.Id, CancellationToken.None));
        Assert.DoesNotContain(await queue.ListAsync("xa.19774.1", 100, CancellationToken.None), t => t.Id == task.Id);

        var officerView = await TaskDetails.LoadAsync(db.Database, Officer, task.Id, CancellationToken.None);
        var auditorView = await TaskDetails.LoadAsync(db.Database, "kiemtoan", task.Id, CancellationToken.None);
        Assert.Equal("046080009004", officerView.Owners.Single().IdNumber);
        Assert.Equal("046*******04", auditorView.Owners.Single().IdNumber);
    }

    [Fact]
    public async Task Parking_a_case_needs_a_reason_and_closes_it_as_parked()
    {
        await scenario.AddParcelAsync("R-K1", 9005, "missing_certificate_serial");
        await scenario.SeedReviewersAsync();
        await scenario.OpenCasesAsync();

        var parked = await scenario.ActAsync(Officer, "R-K1", "disputed", "two families claim the parcel");

        Assert.Equal("parked_disputed", parked.ToStage);
        Assert.Equal(CaseStatus.Parked, (await scenario.CaseAsync("R-K1")).Status);
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM review_tasks WHERE parcel_id = 'R-K1' AND status IN ('Open', 'Claimed')"));
    }
}
