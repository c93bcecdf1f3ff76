using LandQuality.Audit;
using LandQuality.Review.Cases;
using LandQuality.Review.Queue;
using LandQuality.Rules.Runs;
using static LandQuality.IntegrationTests.Review.EveryRuleIsFixableTests;

namespace LandQuality.IntegrationTests.Review;

/// <summary>Corrections beyond one column: owners added, removed and replaced, land use, and a duplicate retired into its survivor.</summary>
public sealed class StructuralCorrectionsTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    readonly ReviewScenario scenario = new(db);
    const string Officer = "xa.19753.1";

    async Task OpenAsync(params Fixture?[] parcels)
    {
        await ImportAsync(db, parcels);
        await scenario.SeedReviewersAsync();
        await scenario.OpenCasesAsync();
    }

    [Fact]
    public async Task An_owner_that_does_not_exist_is_refused_when_the_commune_proposes_it()
    {
        var p = Fixture.Base(901) with { Serial = "" };
        await OpenAsync(p);

        var missing = await Assert.ThrowsAsync<ReviewException>(() =>
            scenario.ActAsync(Officer, p.Id, "submit_corrections", null, new FieldChange("certificate_serial", "CS 1"), new FieldChange("owners[2].id_number", "046080000001")));
        Assert.Equal("owners[2].id_number: the parcel has no owner 2 (its owners are numbered 1)", missing.Message);
        await new ReviewQueue(db.Database).ReleaseAsync(Officer, (await scenario.OpenTaskAsync(p.Id)).Id, CancellationToken.None);
        var zero = await Assert.ThrowsAsync<ReviewException>(() => scenario.ActAsync(Officer, p.Id, "submit_corrections", null, new FieldChange("owners[0]", null)));
        Assert.Equal("owners[0]: owners are numbered from 1, as the task lists them", zero.Message);
        Assert.Equal(0, await db.ScalarAsync($"SELECT count(*) FROM corrections WHERE parcel_id = '{p.Id}'"));
    }

    [Fact]
    public async Task Owner_and_land_use_corrections_keep_owner_numbers_and_store_before_and_after_as_text()
    {
        var p = Fixture.Base(902) with { LandUse = "ODT:150.00", Owners = [], Registry = [] };
        p = p with { Owners = [p.A with { Share = "0.5" }, p.B with { Share = "0.5" }], Registry = [p.A, p.B, p.Heir1] };
        await OpenAsync(p);

        await scenario.ActAsync(Officer, p.Id, "submit_corrections", null,
            new FieldChange("land_use", " odt:120 ;CLN:80.0"), new FieldChange("owners[1]", null), new FieldChange("owners[+]", p.Heir1.AsValue));
        await scenario.ActAsync("so.1", p.Id, "approve");

        Assert.Equal(CaseStatus.Verified, (await scenario.CaseAsync(p.Id)).Status);
        Assert.Equal("ODT:150|ODT:120;CLN:80", await db.ScalarTextAsync($"SELECT before || '|' || after FROM corrections WHERE parcel_id = '{p.Id}' AND field = 'land_use'"));
        Assert.Equal($"full_name=Nguyễn Văn An;birth_date=1980-02-03;gender=M;id_number={p.A.Id};share=0.5",
            await db.ScalarTextAsync($"SELECT before FROM corrections WHERE parcel_id = '{p.Id}' AND field = 'owners[1]' AND after IS NULL"));
        // Owner 1 leaves a gap; the heir takes the number after the highest, so owner 2 is still owner 2.
        Assert.Equal("2 Trần Văn Bảo, 3 Nguyễn Thị Hoa",
            await db.ScalarTextAsync($"SELECT string_agg(seq || ' ' || full_name, ', ' ORDER BY seq) FROM owners WHERE parcel_id = '{p.Id}'"));
        Assert.Equal("ODT 120.00, CLN 80.00",
            await db.ScalarTextAsync($"SELECT string_agg(code || ' ' || area_m2, ', ' ORDER BY seq) FROM parcel_purposes WHERE parcel_id = '{p.Id}'"));
        var history = await ParcelHistory.LoadAsync(db.Database, p.Id, CancellationToken.None);
        Assert.Contains(history, h => h.Kind == "correction_applied" && h.Details.Contains("owners[+]", StringComparison.Ordinal) && h.Details.Contains("chủ thứ 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retired_duplicate_is_kept_out_of_evaluation_its_case_parked_its_task_withdrawn_each_step_in_its_own_history()
    {
        var survivor = Fixture.Base(903);
        // Entered twice, the second time with the owner's name wrong: two findings shared by the two records.
        var duplicate = Fixture.Base(904) with { Id = "FIX-903-B", No = survivor.No, Owners = [survivor.B with { Id = survivor.A.Id }] };
        await OpenAsync(survivor, duplicate);
        Assert.Equal(["duplicate_parcel_key", "id_number_multiple_names"], await FailingErrorRulesAsync(db, survivor.Id));
        // The duplicate's own case is under way: a correction proposed, its department task claimed.
        await scenario.ActAsync("xa.19753.2", duplicate.Id, "submit_corrections", null, new FieldChange("address", "Thôn 904"));
        var claimedByColleague = await new ReviewQueue(db.Database).ClaimAsync("so.2", (await scenario.OpenTaskAsync(duplicate.Id)).Id, CancellationToken.None);

        await scenario.ActAsync(Officer, survivor.Id, "submit_corrections", "FIX-903-B is the same parcel, entered twice", new FieldChange("retire_duplicate", duplicate.Id));
        Assert.Null(await db.ScalarTextAsync($"SELECT retired_into FROM parcels WHERE parcel_id = '{duplicate.Id}'")); // proposed, not yet applied
        Assert.Equal("police", (await scenario.ActAsync("so.1", survivor.Id, "approve")).ToStage);
        var confirmed = await scenario.ActAsync("ca.1", survivor.Id, "confirm");

        Assert.Null(confirmed.AutomaticPending);
        Assert.Equal(CaseStatus.Verified, (await scenario.CaseAsync(survivor.Id)).Status);
        Assert.Equal($"{survivor.Id} ca.1", await db.ScalarTextAsync($"SELECT retired_into || ' ' || retired_by FROM parcels WHERE parcel_id = '{duplicate.Id}' AND retired_at IS NOT NULL"));
        var retiredCase = await scenario.CaseAsync(duplicate.Id);
        Assert.Equal((CaseStatus.Parked, "retired"), (retiredCase.Status, retiredCase.Stage));
        Assert.Equal("Withdrawn", await db.ScalarTextAsync($"SELECT status FROM review_tasks WHERE id = {claimedByColleague.Id}"));
        Assert.Equal("Rejected", await db.ScalarTextAsync($"SELECT status FROM corrections WHERE parcel_id = '{duplicate.Id}'"));
        Assert.Equal(0, await db.ScalarAsync($"SELECT count(*) FROM parcel_status WHERE parcel_id = '{duplicate.Id}'"));
        var history = await ParcelHistory.LoadAsync(db.Database, duplicate.Id, CancellationToken.None);
        Assert.Equal(["parcel_retired", "task_withdrawn", "case_closed"], history.Select(h => h.Kind).TakeLast(3));
        Assert.Contains(await ParcelHistory.LoadAsync(db.Database, survivor.Id, CancellationToken.None),
            h => h.Kind == "correction_applied" && h.Details.Contains(duplicate.Id, StringComparison.Ordinal));
        Assert.True((await AuditVerifier.VerifyAsync(db.Database.DataSource, CancellationToken.None)).Intact);

        // No longer evaluated, counted (in a run's set-wide facts either), or opened again.
        Assert.Equal(0, await scenario.OpenCasesAsync());
        await new EvaluationRunner(db.Database).RunAsync(new EvaluationRequest("test", CommuneCode: ReviewScenario.Commune), null, CancellationToken.None);
        Assert.Equal(0, await db.ScalarAsync($"SELECT count(*) FROM parcel_status WHERE parcel_id = '{duplicate.Id}'"));
        Assert.Empty(await FailingErrorRulesAsync(db, survivor.Id));
    }

    [Fact]
    public async Task A_corrected_parcel_number_re_evaluates_the_parcel_that_shared_the_old_key()
    {
        var p = Fixture.Base(907);
        var other = Fixture.Base(908) with { No = p.No };
        await OpenAsync(p, other);
        Assert.Equal(["duplicate_parcel_key"], await FailingErrorRulesAsync(db, other.Id));

        await scenario.ActAsync(Officer, p.Id, "submit_corrections", "the map shows 1907", new FieldChange("parcel_no", "1907"));
        var approved = await scenario.ActAsync("so.1", p.Id, "approve");

        Assert.Null(approved.AutomaticPending);
        Assert.Equal(CaseStatus.Verified, (await scenario.CaseAsync(p.Id)).Status);
        Assert.Empty(await FailingErrorRulesAsync(db, other.Id));
        Assert.Contains(await ParcelHistory.LoadAsync(db.Database, p.Id, CancellationToken.None),
            h => h.Kind == "reevaluated" && h.Details.Contains($"đánh giá lại cả: {other.Id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retirement_is_refused_at_approval_when_the_other_parcel_stopped_being_a_duplicate()
    {
        var survivor = Fixture.Base(909);
        var duplicate = Fixture.Base(910) with { Id = "FIX-909-B", No = survivor.No };
        await OpenAsync(survivor, duplicate);
        await scenario.ActAsync(Officer, survivor.Id, "submit_corrections", null, new FieldChange("retire_duplicate", duplicate.Id));
        await db.ScalarAsync($"WITH x AS (UPDATE parcels SET parcel_no = 1910 WHERE parcel_id = '{duplicate.Id}' RETURNING 1) SELECT count(*) FROM x");

        var refused = await Assert.ThrowsAsync<ReviewConflictException>(() => scenario.ActAsync("so.1", survivor.Id, "approve"));
        Assert.StartsWith($"Parcel {duplicate.Id} can no longer be retired into {survivor.Id} (retire_duplicate: parcel {duplicate.Id} " +
            "(commune / map sheet / parcel number 19753 / 7 / 1910) is not a duplicate", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.ScalarAsync($"SELECT count(*) FROM parcels WHERE parcel_id = '{duplicate.Id}' AND retired_at IS NOT NULL"));
        Assert.Equal(CaseStatus.Open, (await scenario.CaseAsync(duplicate.Id)).Status);
    }

    [Theory]
    [InlineData("FIX-905", "retire_duplicate: a parcel cannot be retired into itself")]
    [InlineData("FIX-NONE", "retire_duplicate: there is no parcel FIX-NONE")]
    [InlineData("FIX-906", "retire_duplicate: parcel FIX-906 (commune / map sheet / parcel number 19753 / 7 / 906) is not a duplicate of this parcel; only a parcel with the same commune + map sheet + parcel number can be retired into it")]
    public async Task Only_a_live_duplicate_can_be_proposed_for_retirement(string other, string expected)
    {
        var p = Fixture.Base(905) with { Serial = "" };
        await OpenAsync(p, Fixture.Base(906));
        var refused = await Assert.ThrowsAsync<ReviewException>(() =>
            scenario.ActAsync(Officer, p.Id, "submit_corrections", null, new FieldChange("retire_duplicate", other)));
        Assert.Equal(expected, refused.Message);
        await new ReviewQueue(db.Database).ReleaseAsync(Officer, (await scenario.OpenTaskAsync(p.Id)).Id, CancellationToken.None);
    }
}
