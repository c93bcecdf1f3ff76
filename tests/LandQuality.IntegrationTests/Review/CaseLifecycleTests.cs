using System.Text.Json;
using LandQuality.Audit;
using LandQuality.Review.Cases;
using LandQuality.Review.Queue;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.IntegrationTests.Review;

/// <summary>Parked cases stay parked until the parcel's data changes or a supervisor reopens them.</summary>
public sealed class CaseLifecycleTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    readonly ReviewScenario scenario = new(db);
    const string Officer = "xa.19753.1";
    const string Supervisor = "xa.19753.truong";

    async Task<ReviewCase> ParkedAsync(string parcelId, int parcelNo)
    {
        await scenario.AddParcelAsync(parcelId, parcelNo, "missing_certificate_serial");
        await scenario.SeedReviewersAsync();
        await scenario.OpenCasesAsync();
        await scenario.ActAsync(Officer, parcelId, "disputed", "two families claim the parcel");
        var parked = await scenario.CaseAsync(parcelId);
        Assert.Equal(CaseStatus.Parked, parked.Status);
        return parked;
    }

    async Task AppendAsync(string parcelId, string kind)
    {
        await using var conn = await db.Database.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await AuditChain.AppendAsync(conn, tx, parcelId, "test", kind, new { import_id = 99 }, CancellationToken.None);
        await tx.CommitAsync();
    }

    Task<long> CasesOfAsync(string parcelId) => db.ScalarAsync($"SELECT count(*) FROM review_cases WHERE parcel_id = '{parcelId}'");

    [Fact]
    public async Task A_parked_case_stays_parked_when_cases_are_opened_again()
    {
        var parked = await ParkedAsync("L-K1", 9101);

        await scenario.OpenCasesAsync();
        await scenario.OpenCasesAsync();

        Assert.Equal(1, await CasesOfAsync("L-K1"));
        Assert.Equal((CaseStatus.Parked, "parked_disputed"), ((await scenario.CaseAsync("L-K1")).Status, (await scenario.CaseAsync("L-K1")).Stage));
        Assert.Equal(parked.Id, (await scenario.CaseAsync("L-K1")).Id);
    }

    [Theory]
    [InlineData("L-I1", 9102, "imported")]
    [InlineData("L-C1", 9103, "correction_applied")]
    public async Task A_parked_case_comes_back_as_a_new_case_once_the_parcels_data_changed_after_the_parking(string parcelId, int no, string change)
    {
        var parked = await ParkedAsync(parcelId, no);
        await AppendAsync(parcelId, "task_claimed"); // not a change of the data
        await scenario.OpenCasesAsync();
        Assert.Equal(1, await CasesOfAsync(parcelId));

        await AppendAsync(parcelId, change);
        await scenario.OpenCasesAsync();

        var reopened = await scenario.CaseAsync(parcelId);
        Assert.NotEqual(parked.Id, reopened.Id);
        Assert.Equal((CaseStatus.Open, "commune"), (reopened.Status, reopened.Stage));
        Assert.Equal(CaseStatus.Parked, (await CaseAsync(parked.Id)).Status);
        var opened = await db.ScalarTextAsync(
            $"SELECT payload FROM audit_events WHERE parcel_id = '{parcelId}' AND kind = 'case_opened' ORDER BY seq DESC LIMIT 1");
        using var payload = JsonDocument.Parse(opened!);
        Assert.Equal(reopened.Id, payload.RootElement.GetProperty("case_id").GetInt64());
        Assert.Equal(parked.Id, payload.RootElement.GetProperty("follows_case").GetInt64());
        Assert.Equal("parked_disputed", payload.RootElement.GetProperty("follows_stage").GetString());
        Assert.Equal([(parked.Id, "parked", (long?)null), (reopened.Id, "open", parked.Id)],
            (await ParcelCases.LoadAsync(db.Database, parcelId, CancellationToken.None)).Select(c => (c.Id, c.Status, c.FollowsCase)));
        // Brought back once: the open case holds the parcel, and the change is older than nothing else parked.
        await scenario.OpenCasesAsync();
        Assert.Equal(2, await CasesOfAsync(parcelId));
        Assert.True((await AuditVerifier.VerifyAsync(db.Database.DataSource, CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task A_supervisor_reopens_a_parked_case_at_the_first_stage_with_a_new_task_and_the_next_round()
    {
        var parked = await ParkedAsync("L-R1", 9104);

        var reopened = await new CaseReopener(db.Database).ReopenAsync(parked.Id, Supervisor, "the court settled the dispute", CancellationToken.None);

        Assert.Equal((parked.Id, "commune", 2, "open"), (reopened.CaseId, reopened.Stage, reopened.Round, reopened.Status));
        var @case = await CaseAsync(parked.Id);
        Assert.Equal((CaseStatus.Open, "commune", 2, (DateTimeOffset?)null), (@case.Status, @case.Stage, @case.Round, @case.ClosedAt));
        var task = await scenario.OpenTaskAsync("L-R1");
        Assert.Equal((reopened.TaskId, "commune_officer", "19753", ReviewTaskStatus.Open), (task.Id, task.Role, task.Jurisdiction, task.Status));
        var entry = await db.ScalarTextAsync("SELECT payload FROM audit_events WHERE parcel_id = 'L-R1' AND kind = 'case_reopened'");
        using (var payload = JsonDocument.Parse(entry!))
        {
            Assert.Equal("the court settled the dispute", payload.RootElement.GetProperty("reason").GetString());
            Assert.Equal(task.Id, payload.RootElement.GetProperty("task_id").GetInt64());
            Assert.Equal(("parked_disputed", 2), (payload.RootElement.GetProperty("from_stage").GetString(), payload.RootElement.GetProperty("round").GetInt32()));
        }
        Assert.Equal(1, await CasesOfAsync("L-R1"));

        // It is an ordinary open case again: the officer works it, and opening cases adds none.
        await scenario.OpenCasesAsync();
        Assert.Equal(1, await CasesOfAsync("L-R1"));
        var submitted = await scenario.ActAsync(Officer, "L-R1", "submit_corrections", null, new FieldChange("certificate_serial", "CS 910401"));
        Assert.Equal("department", submitted.ToStage);
        Assert.True((await AuditVerifier.VerifyAsync(db.Database.DataSource, CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task Only_a_supervisor_of_the_cases_commune_or_province_may_reopen_it_with_a_reason_and_only_when_parked()
    {
        var parked = await ParkedAsync("L-A1", 9105);
        var reopener = new CaseReopener(db.Database);
        Task Reopen(string user, string reason = "settled") => reopener.ReopenAsync(parked.Id, user, reason, CancellationToken.None);

        await Assert.ThrowsAsync<ReviewForbiddenException>(() => Reopen(Officer));            // an officer, not a supervisor
        await Assert.ThrowsAsync<ReviewForbiddenException>(() => Reopen("xa.19774.truong"));  // a supervisor of another commune
        await Assert.ThrowsAsync<ReviewForbiddenException>(() => Reopen("kiemtoan"));         // the auditor
        await Assert.ThrowsAsync<ReviewForbiddenException>(() => Reopen("nobody"));
        var noReason = await Assert.ThrowsAsync<ReviewException>(() => Reopen(Supervisor, "  "));
        Assert.Contains("reason", noReason.Message, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Parked, (await CaseAsync(parked.Id)).Status);
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM audit_events WHERE parcel_id = 'L-A1' AND kind = 'case_reopened'"));

        await Reopen("so.truong"); // the department's supervisor: a stage escalates to them, in the case's province
        var again = await Assert.ThrowsAsync<ReviewException>(() => Reopen(Supervisor));
        Assert.Contains("only a parked case", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parked_case_followed_by_a_new_case_cannot_be_reopened()
    {
        var parked = await ParkedAsync("L-F1", 9106);
        await AppendAsync("L-F1", "imported");
        await scenario.OpenCasesAsync();

        var refused = await Assert.ThrowsAsync<ReviewException>(() =>
            new CaseReopener(db.Database).ReopenAsync(parked.Id, Supervisor, "settled", CancellationToken.None));

        Assert.Contains("followed by case", refused.Message, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Parked, (await CaseAsync(parked.Id)).Status);
    }

    async Task<ReviewCase> CaseAsync(long id)
    {
        await using var context = db.Database.CreateContext();
        return await context.ReviewCases.AsNoTracking().SingleAsync(c => c.Id == id);
    }
}
