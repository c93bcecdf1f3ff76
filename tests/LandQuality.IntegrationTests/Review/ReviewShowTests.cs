using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using LandQuality.Imports;
using LandQuality.IntegrationTests.Imports;
using LandQuality.Review.Cases;
using LandQuality.Review.Queue;
using LandQuality.Rules.Runs;

namespace LandQuality.IntegrationTests.Review;

/// <summary>What a reviewer sees of a task (<c>lq review show</c>), claims one task, and the cases of a parcel (<c>lq cases show</c>).</summary>
public sealed class ReviewShowTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    readonly ReviewScenario scenario = new(db);
    const string Officer = "xa.19753.1";

    [Fact]
    public async Task The_department_sees_the_whole_record_the_registry_beside_each_owner_and_the_corrections_and_returns_of_the_case()
    {
        await scenario.AddParcelAsync("S-D1", 9301, "name_differs_from_registry");
        await scenario.SeedReviewersAsync();
        await scenario.OpenCasesAsync();
        await scenario.ActAsync(Officer, "S-D1", "submit_corrections", "the ID card reads Bính",
            new FieldChange("owners[1].full_name", "Nguyễn Văn Bính"), new FieldChange("owners[1].id_number", "046080009999"));
        await scenario.ActAsync("so.1", "S-D1", "return", "the scan of the ID card is missing");
        await scenario.ActAsync(Officer, "S-D1", "submit_corrections", "scan attached", new FieldChange("owners[1].full_name", "Nguyễn Văn Bính"));
        var task = await scenario.OpenTaskAsync("S-D1");

        var view = await TaskDetails.LoadAsync(db.Database, "so.2", task.Id, CancellationToken.None);

        Assert.Equal(("department", 1), (view.Task.Stage, view.Round));
        var parcel = view.Parcel;
        Assert.Equal(("S-D1", "19753", 7, 9301, 200m, 200m), (parcel.ParcelId, parcel.CommuneCode, parcel.MapSheet, parcel.ParcelNo, parcel.AreaM2, parcel.LegalAreaM2));
        Assert.Equal("Kiệt 4 Lê Lợi, Phường Phú Xuân", parcel.Address);
        Assert.Equal(("ODT", 200m), (parcel.LandUse.Single().Code, parcel.LandUse.Single().AreaM2));
        Assert.Equal(("CS 109301", "CH09301", new DateOnly(2010, 5, 6)), (parcel.Certificate!.Serial, parcel.Certificate.BookNo, parcel.Certificate.IssuedOn));
        Assert.Equal(new DateOnly(2024, 1, 2), parcel.UpdatedOn);

        var owner = view.Owners.Single();
        Assert.Equal(("Nguyễn Văn Bình", "046*******01", "1980-02-03"), (owner.FullName, owner.IdNumber, owner.BirthDate));
        Assert.Equal(("Nguyễn Văn Bính", "1980-02-03", "M", "alive"), (owner.Registry!.FullName, owner.Registry.BirthDate, owner.Registry.Gender, owner.Registry.Status));
        var difference = owner.Differences.Single();
        Assert.Equal(("full_name", "Nguyễn Văn Bình", "Nguyễn Văn Bính"), (difference.Field, difference.Land, difference.Registry));

        Assert.Equal([("owners[1].full_name", "rejected"), ("owners[1].id_number", "rejected"), ("owners[1].full_name", "proposed")],
            view.Corrections.Select(c => (c.Field, c.Status)));
        var first = view.Corrections[0];
        Assert.Equal(("Nguyễn Văn Bình", "Nguyễn Văn Bính", Officer, "the ID card reads Bính"), (first.Before, first.After, first.By, first.Reason));
        Assert.Equal(("046*******01", "046*******99"), (view.Corrections[1].Before, view.Corrections[1].After)); // masked for the department
        var returned = view.Returns.Single();
        Assert.Equal(("department", "return", "so.1", "the scan of the ID card is missing"), (returned.Stage, returned.Decision, returned.By, returned.Reason));
        Assert.Contains(view.Findings, f => f.Rule == "name_differs_from_registry");
        Assert.Equal(["approve", "return"], view.Decisions);

        var police = await Assert.ThrowsAsync<ReviewNotFoundException>(() => TaskDetails.LoadAsync(db.Database, "ca.1", task.Id, CancellationToken.None));
        Assert.Equal($"Không có công việc {task.Id}. — There is no task {task.Id}.", police.Message); // not theirs: not disclosed
        await Assert.ThrowsAsync<ReviewNotFoundException>(() => TaskDetails.LoadAsync(db.Database, "xa.19774.1", task.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_re_evaluation_that_sends_the_case_back_is_shown_to_the_commune_as_a_return_with_the_rules_still_failing()
    {
        await scenario.AddParcelAsync("S-E1", 9303, "name_differs_from_registry");
        await scenario.SeedReviewersAsync();
        await scenario.OpenCasesAsync();
        await scenario.ActAsync(Officer, "S-E1", "submit_corrections", "address only", new FieldChange("address", "Kiệt 6 Lê Lợi, Phường Phú Xuân"));
        await scenario.ActAsync("so.1", "S-E1", "approve");
        var confirmed = await scenario.ActAsync("ca.1", "S-E1", "confirm");
        Assert.Equal("commune", confirmed.AfterReevaluation);
        var task = await scenario.OpenTaskAsync("S-E1");

        var view = await TaskDetails.LoadAsync(db.Database, Officer, task.Id, CancellationToken.None);

        Assert.Equal(2, view.Round);
        var back = view.Returns.Single();
        Assert.Equal((null, "reevaluate"), (back.TaskId, back.Stage));
        Assert.Contains("name_differs_from_registry", back.Reason, StringComparison.Ordinal);
        Assert.Equal(("address", "applied"), (view.Corrections.Single().Field, view.Corrections.Single().Status));
        Assert.Equal("Kiệt 6 Lê Lợi, Phường Phú Xuân", view.Parcel.Address);
    }

    [Fact]
    public async Task Placeholders_of_missing_values_read_as_missing_and_the_parcels_sharing_a_key_or_an_id_number_are_listed()
    {
        using (var files = new ImportFixtureFiles()
            .Parcels("S-M1,19753,9,77,Thôn 2,,,ONT:100,CS 300001,CH07701,2012-01-02,,2024-01-02",
                     "S-M2,19753,9,77,Thôn 2,100,100,ONT:100,CS 300002,CH07702,2012-01-02,,2024-01-02",
                     "S-M3,19753,9,78,Thôn 3,100,100,ONT:100,CS 300003,CH07801,2012-01-02,,2024-01-02")
            .Owners("S-M1,Trần Thị Hoa,1970-01-01,F,046170000777,", "S-M2,Lê Văn Tám,1960-01-01,M,046060000888,",
                    "S-M3,Phạm Thị Lan,1970-01-01,F,046170000777,")
            .Population("046170000777,Trần Thị Hoa,1970-01-01,F,Huế,deceased", "046060000888,Lê Văn Tám,1960-01-01,M,Huế,alive"))
            await new Importer(db.Database).RunAsync(files.Directory, "test", null, CancellationToken.None);
        await new EvaluationRunner(db.Database).RunAsync(new EvaluationRequest("test"), null, CancellationToken.None);
        await scenario.SeedReviewersAsync();
        await scenario.OpenCasesAsync();
        var task = await scenario.OpenTaskAsync("S-M1");

        var view = await TaskDetails.LoadAsync(db.Database, Officer, task.Id, CancellationToken.None);

        Assert.DoesNotContain(view.Findings, f => f.Detail!.Contains("$(", StringComparison.Ordinal));
        Assert.Contains(view.Findings, f => f.Rule == "missing_area" && f.Detail == "Area missing or not positive: AreaM2=(missing).");
        // What the reviewer reads first is the rule's Vietnamese message; English beside it.
        Assert.Contains(view.Findings, f => f.Rule == "missing_area" && f.Message == "Thửa đất chưa có diện tích hoặc diện tích bằng 0."
            && f.MessageEn == "The parcel's area is missing or zero.");
        Assert.Contains(view.RelatedParcels, r => (r.Rule, r.ParcelId) == ("duplicate_parcel_key", "S-M2") && r.OwnerNames.SequenceEqual(["Lê Văn Tám"]));
        Assert.Contains(view.RelatedParcels, r => (r.Rule, r.ParcelId, r.IdNumber) == ("id_number_multiple_names", "S-M3", "046170000777")
            && r.OwnerNames.SequenceEqual(["Phạm Thị Lan"]) && r.NameForIdNumber == "Phạm Thị Lan");
        Assert.Contains(view.Owners.Single().Differences, d => (d.Field, d.Registry) == ("status", "deceased"));
        Assert.Equal("046170000777", view.Owners.Single().IdNumber); // the commune sees whole ID numbers
    }

    /// <summary>
    /// Regression: the case read once disposed its batch's reader twice; Npgsql reuses one reader per connection, so the
    /// second dispose closed whatever another request was reading on the same pooled connection by then.
    /// </summary>
    [Fact]
    public async Task Bug_reader_disposed_twice_case_reads_in_parallel_each_get_their_own_whole_case()
    {
        await scenario.AddSerialDefectsAsync("19774", 60);
        await scenario.SeedReviewersAsync();
        await using var context = db.Database.CreateContext();
        var tasks = await context.ReviewTasks.AsNoTracking().Where(t => t.ParcelId.StartsWith("C19774-")).Select(t => new { t.Id, t.ParcelId }).ToListAsync();

        // The bug hung some reads for good rather than failing them: a bound turns that into a failure.
        var views = await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => tasks).Select(t =>
            Task.Run(() => TaskDetails.LoadAsync(db.Database, "xa.19774.1", t.Id, CancellationToken.None)))).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(240, views.Length);
        Assert.All(views, v => Assert.Equal(v.Task.ParcelId, v.Parcel.ParcelId));
        Assert.All(views, v => Assert.Equal("missing_certificate_serial", Assert.Single(v.Findings).Rule));
        Assert.All(views, v => Assert.Equal("Lê Văn Cường", Assert.Single(v.Owners).FullName));
    }

    [Fact]
    public async Task Claim_takes_the_named_task_and_cases_show_lists_the_parcels_cases_with_their_tasks()
    {
        await scenario.AddParcelAsync("S-C1", 9302, "missing_certificate_serial");
        await scenario.SeedReviewersAsync();
        await scenario.OpenCasesAsync();
        var task = await scenario.OpenTaskAsync("S-C1");
        var queue = new ReviewQueue(db.Database);

        await Assert.ThrowsAsync<ReviewForbiddenException>(() => queue.ClaimAsync("so.1", task.Id, CancellationToken.None));
        var claimed = await queue.ClaimAsync(Officer, task.Id, CancellationToken.None);
        Assert.Equal((task.Id, "claimed", Officer, 1), (claimed.Id, claimed.Status, claimed.ClaimedBy, claimed.Revision));
        await Assert.ThrowsAsync<ReviewException>(() => queue.ClaimAsync("xa.19753.2", task.Id, CancellationToken.None));
        await new DecisionService(db.Database).DecideAsync(new DecisionRequest(Officer, task.Id, claimed.Revision, "disputed", "op-S-C1", "boundary dispute"),
            CancellationToken.None);

        var cases = await ParcelCases.LoadAsync(db.Database, "S-C1", CancellationToken.None);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(cases, ReviewJson.Options));

        var @case = json.RootElement.EnumerateArray().Single();
        Assert.Equal("parked", @case.GetProperty("status").GetString());
        Assert.Equal("parked_disputed", @case.GetProperty("stage").GetString());
        Assert.Equal(1, @case.GetProperty("workflow_version").GetInt32());
        Assert.True(@case.GetProperty("id").GetInt64() > 0);
        Assert.Equal("boundary dispute", @case.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.String, @case.GetProperty("closed_at").ValueKind);
        var only = @case.GetProperty("tasks").EnumerateArray().Single();
        Assert.Equal((task.Id, "done", "commune_officer", "19753", 2),
            (only.GetProperty("id").GetInt64(), only.GetProperty("status").GetString(), only.GetProperty("role").GetString(),
             only.GetProperty("jurisdiction").GetString(), only.GetProperty("revision").GetInt32()));
        Assert.Equal(("disputed", Officer), (only.GetProperty("decision").GetString(), only.GetProperty("claimed_by").GetString()));

        await new CaseReopener(db.Database).ReopenAsync(@case.GetProperty("id").GetInt64(), "xa.19753.truong", "settled", CancellationToken.None);
        var after = await ParcelCases.LoadAsync(db.Database, "S-C1", CancellationToken.None);
        Assert.Equal([("done", "commune"), ("open", "commune")], after.Single().Tasks.Select(t => (t.Status, t.Stage)));
        Assert.Equal(("open", 2, "settled"), (after.Single().Status, after.Single().Round, after.Single().Reason));
        Assert.Equal(("xa.19753.truong", "parked_disputed"), (after.Single().Reopenings.Single().By, after.Single().Reopenings.Single().FromStage));
        await Assert.ThrowsAsync<ReviewNotFoundException>(() => ParcelCases.LoadAsync(db.Database, "no-such-parcel", CancellationToken.None));
    }
}
