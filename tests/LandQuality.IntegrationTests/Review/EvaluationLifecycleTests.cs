using System.Text.Json;
using LandQuality.Audit;
using LandQuality.Imports;
using LandQuality.IntegrationTests.Imports;
using LandQuality.Review.Cases;
using LandQuality.Review.Queue;
using LandQuality.Rules.Runs;

namespace LandQuality.IntegrationTests.Review;

/// <summary>
/// The campaign's loop closing on its own: a parcel fixed at the source and re-imported has its case
/// closed by the next evaluation; only the version in force sets verdicts; a resumed run keeps its
/// scope; imports and evaluations that change a parcel are entries of its chain.
/// </summary>
public sealed class EvaluationLifecycleTests : IAsyncLifetime
{
    const string Commune = "19789";
    const string Other = "19753";
    readonly TestDatabase db = new();
    ReviewScenario Scenario => new(db);

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        await Scenario.SeedReviewersAsync();
        await Scenario.AddSerialDefectsAsync(Commune, 4);
        await Scenario.AddSerialDefectsAsync(Other, 2);
    }

    public Task DisposeAsync() => db.DisposeAsync();

    /// <summary>The row AddSerialDefectsAsync imported for parcel <paramref name="i"/>, with a certificate serial this time.</summary>
    static string FixedRow(int i) => $"C{Commune}-{i},{Commune},8,{i},Thôn 1,300,300,ONT:300,CS 12345{i},CH0{i:D4},2011-01-02,,2024-01-02";

    [Fact]
    public async Task A_parcel_fixed_at_the_source_and_re_imported_has_its_case_closed_by_the_next_evaluation()
    {
        var parcel = $"C{Commune}-1";
        var task = await Scenario.OpenTaskAsync(parcel);
        await new ReviewQueue(db.Database).ClaimAsync($"xa.{Commune}.1", task.Id, CancellationToken.None);

        using (var files = new ImportFixtureFiles().Parcels(FixedRow(1)))
            await new Importer(db.Database).RunAsync(files.Directory, "registry-sync", null, CancellationToken.None);
        var imported = await LastEntryAsync(parcel);
        Assert.Equal("imported", imported.Kind);
        using (var payload = JsonDocument.Parse(imported.Payload))
        {
            var change = payload.RootElement.GetProperty("changes").GetProperty("certificate_serial");
            Assert.Equal((JsonValueKind.Null, "CS 123451"), (change[0].ValueKind, change[1].GetString()));
            Assert.Equal(("parcels.csv", 2L), (payload.RootElement.GetProperty("lines")[0].GetProperty("file").GetString(),
                payload.RootElement.GetProperty("lines")[0].GetProperty("line").GetInt64()));
        }
        Assert.Equal(CaseStatus.Open, (await Scenario.CaseAsync(parcel)).Status); // the data changed; the verdict is the evaluation's

        await new EvaluationRunner(db.Database).RunAsync(new EvaluationRequest("nightly", CommuneCode: Commune), null, CancellationToken.None);

        var closed = await Scenario.CaseAsync(parcel);
        Assert.Equal((CaseStatus.Verified, "verified"), (closed.Status, closed.Stage));
        Assert.Equal("Withdrawn", await db.ScalarTextAsync($"SELECT status FROM review_tasks WHERE id = {task.Id}"));
        Assert.Contains("#", await db.ScalarTextAsync($"SELECT reason FROM review_tasks WHERE id = {task.Id}"), StringComparison.Ordinal);
        // The other parcels of the commune still miss their serial: their cases stay open.
        Assert.Equal(3, await db.ScalarAsync($"SELECT count(*) FROM review_cases WHERE commune_code = '{Commune}' AND status = 'Open'"));

        var history = await ParcelHistory.LoadAsync(db.Database, parcel, CancellationToken.None);
        Assert.Equal(["imported", "evaluated", "case_opened", "task_claimed", "imported", "evaluated", "case_closed"], history.Select(h => h.Kind));
        Assert.Contains("missing_certificate_serial", history[5].Details, StringComparison.Ordinal);
        Assert.Contains("hệ thống", history[6].Details, StringComparison.Ordinal);

        // The reviewer who held the task learns that the case is closed when they decide.
        var refused = await Assert.ThrowsAsync<ReviewConflictException>(() => new DecisionService(db.Database).DecideAsync(
            new DecisionRequest($"xa.{Commune}.1", task.Id, 1, "submit_corrections", "late", null, [new FieldChange("certificate_serial", "CS 1")]),
            CancellationToken.None));
        Assert.Contains("Verified", refused.Message, StringComparison.Ordinal);
        Assert.True((await AuditVerifier.VerifyAsync(db.Database.DataSource, CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task A_case_closed_by_an_evaluation_rejects_the_corrections_still_waiting_for_approval()
    {
        var parcel = $"C{Commune}-4";
        await Scenario.ActAsync($"xa.{Commune}.1", parcel, "submit_corrections", null, new FieldChange("certificate_serial", "CS 999999"));
        Assert.Equal("department", (await Scenario.CaseAsync(parcel)).Stage);

        using (var files = new ImportFixtureFiles().Parcels(FixedRow(4)))
            await new Importer(db.Database).RunAsync(files.Directory, "registry-sync", null, CancellationToken.None);
        await new EvaluationRunner(db.Database).EvaluateParcelAsync(parcel, new EvaluationRequest("nightly"), CancellationToken.None);

        Assert.Equal(CaseStatus.Verified, (await Scenario.CaseAsync(parcel)).Status);
        Assert.Equal("Rejected", await db.ScalarTextAsync($"SELECT status FROM corrections WHERE parcel_id = '{parcel}'"));
        Assert.Equal("CS 123454", await db.ScalarTextAsync($"SELECT serial FROM certificates WHERE parcel_id = '{parcel}'"));
        Assert.Equal(0, await db.ScalarAsync($"SELECT count(*) FROM review_tasks WHERE parcel_id = '{parcel}' AND status IN ('Open', 'Claimed')"));
    }

    [Fact]
    public async Task A_re_import_notes_each_changed_field_before_and_after_and_the_same_files_again_note_nothing()
    {
        var parcel = $"C{Commune}-3";
        var id = $"046075{Commune[^2..]}0003";
        using var files = new ImportFixtureFiles()
            .Parcels($"{parcel},{Commune},8,3,Thôn 1,300,300,ONT:200;CLN:100,,CH00003,2011-01-02,,2024-01-02")
            .Owners($"{parcel},Lê Văn Cường,1975-05-06,M,{id},0.5", $"{parcel},Lê Thị Hoa,1978-01-02,F,046178890003,0.5");
        await new Importer(db.Database).RunAsync(files.Directory, "registry-sync", null, CancellationToken.None);

        var entry = await LastEntryAsync(parcel);
        Assert.Equal("imported", entry.Kind);
        using (var payload = JsonDocument.Parse(entry.Payload))
        {
            var changes = payload.RootElement.GetProperty("changes");
            Assert.Equal(["land_use", "owners[1]", "owners[2]"], changes.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
            Assert.Equal(("ONT:300", "ONT:200;CLN:100"), (changes.GetProperty("land_use")[0].GetString(), changes.GetProperty("land_use")[1].GetString()));
            Assert.Equal(($"full_name=Lê Văn Cường;birth_date=1975-05-06;gender=M;id_number={id};share=", $"full_name=Lê Văn Cường;birth_date=1975-05-06;gender=M;id_number={id};share=0.5"),
                (changes.GetProperty("owners[1]")[0].GetString(), changes.GetProperty("owners[1]")[1].GetString()));
            Assert.Equal(JsonValueKind.Null, changes.GetProperty("owners[2]")[0].ValueKind);
            Assert.Equal(["owners.csv:2", "owners.csv:3", "parcels.csv:2"], payload.RootElement.GetProperty("lines").EnumerateArray()
                .Select(l => $"{l.GetProperty("file").GetString()}:{l.GetProperty("line").GetInt64()}").Order(StringComparer.Ordinal));
        }

        await new Importer(db.Database).RunAsync(files.Directory, "registry-sync", null, CancellationToken.None);
        Assert.Equal(entry.Seq, (await LastEntryAsync(parcel)).Seq);
    }

    [Fact]
    public async Task Evaluating_again_without_a_change_writes_no_chain_entry()
    {
        var before = await db.ScalarAsync("SELECT count(*) FROM audit_events WHERE kind = 'evaluated'");
        await new EvaluationRunner(db.Database).RunAsync(new EvaluationRequest("nightly"), null, CancellationToken.None);
        await new EvaluationRunner(db.Database).EvaluateParcelAsync($"C{Commune}-2", new EvaluationRequest("nightly"), CancellationToken.None);
        Assert.Equal(before, await db.ScalarAsync("SELECT count(*) FROM audit_events WHERE kind = 'evaluated'"));
    }

    [Fact]
    public async Task Only_the_published_version_sets_verdicts_other_runs_keep_their_findings_under_the_run()
    {
        var parcel = $"C{Commune}-2";
        var statusRun = await db.ScalarAsync($"SELECT run_id FROM parcel_status WHERE parcel_id = '{parcel}'");
        // The version in force is replaced by a new one (same rules), so it is now retired.
        var store = new LandQuality.Rules.Versions.RuleSetStore(db.Database);
        var old = (await store.GetPublishedAsync("default", CancellationToken.None))!;
        var next = await store.AddDraftAsync("default", old.Content + "\n", "policy", "same rules", CancellationToken.None);
        await store.PublishAsync("default", next.Version, "policy", CancellationToken.None);
        statusRun = (await new EvaluationRunner(db.Database).EvaluateParcelAsync(parcel, new EvaluationRequest("nightly"), CancellationToken.None)).RunId;

        var retired = await new EvaluationRunner(db.Database).RunAsync(new EvaluationRequest("analyst", Version: old.Version, CommuneCode: Commune),
            null, CancellationToken.None);
        var single = await new EvaluationRunner(db.Database).EvaluateParcelAsync(parcel, new EvaluationRequest("analyst", Version: old.Version),
            CancellationToken.None);

        Assert.Equal(statusRun, await db.ScalarAsync($"SELECT run_id FROM parcel_status WHERE parcel_id = '{parcel}'"));
        foreach (var run in new[] { retired.RunId, single.RunId })
        {
            Assert.Equal(0, await db.ScalarAsync($"SELECT count(*) FROM evaluation_runs WHERE id = {run} AND sets_verdicts"));
            Assert.True(await db.ScalarAsync($"SELECT count(*) FROM findings WHERE run_id = {run} AND parcel_id = '{parcel}'") > 0);
        }
        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM evaluation_runs WHERE id = {statusRun} AND sets_verdicts"));
        Assert.Equal(0, await db.ScalarAsync(
            $"SELECT count(*) FROM audit_events WHERE kind = 'evaluated' AND (payload::jsonb->>'evaluation_run')::bigint IN ({retired.RunId}, {single.RunId})"));
    }

    [Fact]
    public async Task A_resumed_run_keeps_the_scope_it_was_started_with()
    {
        // A commune run that died before storing anything.
        var (run, _, _, lease) = await RunLog.StartOrResumeAsync(db.Database, new EvaluationRequest("nightly", CommuneCode: Other), CancellationToken.None);
        await lease.DisposeAsync(); // the process that started it died

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => new EvaluationRunner(db.Database)
            .RunAsync(new EvaluationRequest("nightly", CommuneCode: Commune, ResumeRunId: run.Id), null, CancellationToken.None));
        Assert.Contains(Other, refused.Message, StringComparison.Ordinal);

        var resumed = await new EvaluationRunner(db.Database).RunAsync(new EvaluationRequest("nightly", ResumeRunId: run.Id), null, CancellationToken.None);
        Assert.Equal((run.Id, $"commune:{Other}", 2L), (resumed.RunId, resumed.Scope, resumed.ParcelsEvaluated));
    }

    [Fact]
    public async Task Findings_keep_the_rules_messages_in_vietnamese_and_english()
    {
        var (vi, en) = (await db.ScalarTextAsync($"""
                SELECT f.message_vi FROM findings f JOIN parcel_status s USING (parcel_id, run_id)
                WHERE f.parcel_id = 'C{Commune}-3' AND f.rule_name = 'missing_certificate_serial'
                """),
            await db.ScalarTextAsync($"""
                SELECT f.message_en FROM findings f JOIN parcel_status s USING (parcel_id, run_id)
                WHERE f.parcel_id = 'C{Commune}-3' AND f.rule_name = 'missing_certificate_serial'
                """));
        Assert.Contains("Giấy chứng nhận", vi, StringComparison.OrdinalIgnoreCase);
        Assert.True(vi!.IsNormalized(System.Text.NormalizationForm.FormC));
        Assert.Contains("certificate", en, StringComparison.OrdinalIgnoreCase);
    }

    async Task<AuditEvent> LastEntryAsync(string parcel)
    {
        await using var context = db.Database.CreateContext();
        return context.AuditEvents.Where(e => e.ParcelId == parcel).OrderByDescending(e => e.Seq).First();
    }
}
