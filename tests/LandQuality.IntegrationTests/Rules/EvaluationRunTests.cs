using LandQuality.Imports;
using LandQuality.Rules.Runs;

namespace LandQuality.IntegrationTests.Rules;

public sealed class EvaluationRunTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    TestDatabase Db => data.Db;

    [Fact]
    public async Task A_run_that_died_half_way_resumes_without_writing_anything_twice()
    {
        // A complete run gives the expected result to compare with.
        var full = await new EvaluationRunner(Db.Database).RunAsync(new EvaluationRequest("test"), null, CancellationToken.None);
        var expected = await Db.ScalarAsync($"SELECT count(*) FROM findings WHERE run_id = {full.RunId}");

        // A second run, in small batches, is cancelled after its first batch is stored: the state a crash leaves.
        const int batchSize = 500;
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress(_ => cts.Cancel());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new EvaluationRunner(Db.Database) { BatchSize = batchSize }.RunAsync(new EvaluationRequest("test"), progress, cts.Token));
        var crashed = await Db.ScalarAsync("SELECT max(id) FROM evaluation_runs");
        var doneBefore = await Db.ScalarAsync($"SELECT coalesce(sum(parcels), 0) FROM evaluation_run_batches WHERE run_id = {crashed}");
        Assert.InRange(doneBefore, batchSize, GeneratedDataSet.Parcels - batchSize);
        Assert.Equal(doneBefore, await Db.ScalarAsync($"SELECT count(*) FROM parcel_status WHERE run_id = {crashed}"));

        var resumed = await new EvaluationRunner(Db.Database) { BatchSize = batchSize }
            .RunAsync(new EvaluationRequest("test", ResumeRunId: crashed), null, CancellationToken.None);

        Assert.Equal(crashed, resumed.RunId);
        Assert.Equal(expected, await Db.ScalarAsync($"SELECT count(*) FROM findings WHERE run_id = {crashed}"));
        Assert.Equal(GeneratedDataSet.Parcels, resumed.ParcelsEvaluated);
        Assert.Equal(1, await Db.ScalarAsync($"SELECT count(*) FROM evaluation_runs WHERE id = {crashed} AND status = 'Completed'"));
        Assert.Equal(GeneratedDataSet.Parcels, await Db.ScalarAsync($"SELECT count(*) FROM parcel_status WHERE run_id = {crashed}"));
    }

    [Fact]
    public async Task Re_evaluating_one_parcel_after_a_correction_updates_its_status_and_findings()
    {
        await new EvaluationRunner(Db.Database).RunAsync(new EvaluationRequest("test", CommuneCode: "19753"), null, CancellationToken.None);
        var parcel = (string)(await ScalarTextAsync(
            "SELECT f.parcel_id FROM findings f JOIN parcel_status s ON s.parcel_id = f.parcel_id AND s.run_id = f.run_id " +
            "WHERE f.rule_name = 'missing_certificate_serial' LIMIT 1"))!;
        Assert.Equal(0, await Db.ScalarAsync($"SELECT count(*) FROM parcel_status WHERE parcel_id = '{parcel}' AND sufficient"));

        await using (var fix = Db.Database.DataSource.CreateCommand($"UPDATE certificates SET serial = 'CS 999999' WHERE parcel_id = '{parcel}'"))
            await fix.ExecuteNonQueryAsync();
        var summary = await new EvaluationRunner(Db.Database).RunAsync(new EvaluationRequest("test", ParcelId: parcel), null, CancellationToken.None);

        Assert.Equal($"parcel:{parcel}", summary.Scope);
        Assert.DoesNotContain("missing_certificate_serial", summary.FailuresPerRule.Keys);
        Assert.Equal(summary.RunId, await Db.ScalarAsync($"SELECT run_id FROM parcel_status WHERE parcel_id = '{parcel}'"));
        Assert.Equal(0, await Db.ScalarAsync(
            $"SELECT count(*) FROM findings WHERE run_id = {summary.RunId} AND rule_name = 'missing_certificate_serial'"));
    }

    [Fact]
    public async Task A_database_that_sorts_ids_its_own_way_still_gets_every_status_of_a_later_run()
    {
        // ICU's root collation compares letters case-blind first ("a-1" < "B-1" < "b-2"), where code-point
        // order, the order batches come in, puts "B" before "a": a batch is no single key range of this
        // database's index, and the status update must still find every parcel of it.
        await using var other = await TestPostgres.CreateDatabaseAsync("LOCALE_PROVIDER icu ICU_LOCALE 'und' LOCALE 'C.UTF-8'");
        await new Importer(other).RunAsync(data.Directory, "test", null, CancellationToken.None);
        await using (var add = other.DataSource.CreateCommand(
            "INSERT INTO parcels (parcel_id, commune_code, import_id) SELECT chr(ascii(CASE WHEN i % 2 = 0 THEN 'a' ELSE 'A' END) + i % 26) || '-' || i, " +
            "p.commune_code, p.import_id FROM generate_series(1, 300) i, (SELECT commune_code, import_id FROM parcels LIMIT 1) p"))
            await add.ExecuteNonQueryAsync();
        var runner = new EvaluationRunner(other) { BatchSize = 97 };

        await runner.RunAsync(new EvaluationRequest("test"), null, CancellationToken.None);
        var second = await runner.RunAsync(new EvaluationRequest("test"), null, CancellationToken.None);

        Assert.Equal(GeneratedDataSet.Parcels + 300, second.ParcelsEvaluated);
        await using var count = other.DataSource.CreateCommand($"SELECT count(*) FROM parcel_status WHERE run_id = {second.RunId}");
        Assert.Equal(GeneratedDataSet.Parcels + 300L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_later_run_updates_every_status_it_evaluates_in_place()
    {
        const string commune = "19753";
        var first = await new EvaluationRunner(Db.Database).RunAsync(new EvaluationRequest("test", CommuneCode: commune), null, CancellationToken.None);
        var parcel = (string)(await ScalarTextAsync(
            $"SELECT parcel_id FROM findings WHERE run_id = {first.RunId} AND rule_name = 'missing_certificate_serial' LIMIT 1"))!;
        var errorsBefore = await Db.ScalarAsync($"SELECT errors FROM parcel_status WHERE parcel_id = '{parcel}'");
        await using (var fix = Db.Database.DataSource.CreateCommand($"UPDATE certificates SET serial = 'CS 777777' WHERE parcel_id = '{parcel}'"))
            await fix.ExecuteNonQueryAsync();

        var second = await new EvaluationRunner(Db.Database) { BatchSize = 300 }
            .RunAsync(new EvaluationRequest("test", CommuneCode: commune), null, CancellationToken.None);

        Assert.Equal(errorsBefore - 1, await Db.ScalarAsync($"SELECT errors FROM parcel_status WHERE parcel_id = '{parcel}'"));
        Assert.Equal(second.ParcelsEvaluated, await Db.ScalarAsync($"SELECT count(*) FROM parcel_status WHERE run_id = {second.RunId}"));
        // Every status of the run agrees with the run's own findings.
        Assert.Equal(0, await Db.ScalarAsync($"""
            SELECT count(*) FROM parcel_status s WHERE s.run_id = {second.RunId} AND s.errors <> (SELECT count(*) FROM findings f
                WHERE f.run_id = s.run_id AND f.parcel_id = s.parcel_id AND f.severity = 'error' AND NOT f.is_rule_error)
            """));
    }

    [Fact]
    public async Task A_runs_summary_counts_what_its_findings_show_and_stays_so_after_a_parcel_is_re_evaluated()
    {
        const string commune = "19774";
        var run = await new EvaluationRunner(Db.Database) { BatchSize = 250 }
            .RunAsync(new EvaluationRequest("test", CommuneCode: commune), null, CancellationToken.None);
        string Failing(string dimension) => $"SELECT count(DISTINCT parcel_id) FROM findings WHERE run_id = {run.RunId} " +
            $"AND dimension = '{dimension}' AND severity = 'error' AND NOT is_rule_error";
        var verifiedSql = $"SELECT {run.ParcelsEvaluated} - count(DISTINCT parcel_id) FROM findings WHERE run_id = {run.RunId} AND severity = 'error' AND NOT is_rule_error";

        foreach (var dimension in (string[])["correct", "sufficient", "clean", "alive"])
            Assert.Equal(await Db.ScalarAsync(Failing(dimension)), run.ParcelsFailingPerDimension[dimension]);
        Assert.Equal(await Db.ScalarAsync(verifiedSql), run.ParcelsVerified);
        Assert.InRange(run.ParcelsVerified, 1, run.ParcelsEvaluated - 1);

        // A verified parcel evaluated again: its status belongs to a newer run now, and the older run's summary is still what that run found.
        var parcel = (string)(await ScalarTextAsync(
            $"SELECT parcel_id FROM parcel_status WHERE run_id = {run.RunId} AND correct AND sufficient AND clean AND alive LIMIT 1"))!;
        await new EvaluationRunner(Db.Database).RunAsync(new EvaluationRequest("test", ParcelId: parcel), null, CancellationToken.None);
        var again = await EvaluationSummary.LoadAsync(Db.Database, run.RunId, CancellationToken.None);

        Assert.Equal(run.ParcelsVerified, again.ParcelsVerified);
        Assert.Equal(run.ParcelsFailingPerDimension, again.ParcelsFailingPerDimension);
        Assert.Equal(run.FailuresPerRule, again.FailuresPerRule);
    }

    [Fact]
    public async Task A_batch_commits_only_after_the_batch_before_it_and_not_at_all_when_that_one_failed()
    {
        var (run, version, _, lease) = await RunLog.StartOrResumeAsync(Db.Database, new EvaluationRequest("test", CommuneCode: "19774"), CancellationToken.None);
        await lease.DisposeAsync(); // the process that started it died
        var context = new RunContext(run.Id, version.Id, version.RuleSet, version.Version, "test", run.SetsVerdicts);
        var rules = CompiledVersions.Get(version);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        async Task<(string Id, List<LandQuality.Rules.Facts.ParcelFacts> Parcels, List<LandQuality.Rules.Evaluation.Finding> Findings)> BatchAsync(int n)
        {
            var id = (string)(await ScalarTextAsync($"SELECT parcel_id FROM parcels WHERE commune_code = '19774' ORDER BY parcel_id OFFSET {n} LIMIT 1"))!;
            var facts = (await LandQuality.Rules.Facts.ParcelFactsReader.ReadParcelAsync(Db.Database.DataSource, id, today, CancellationToken.None))!;
            return (id, [facts], [.. rules.Evaluate(facts)]);
        }
        string Marker(string id) => $"SELECT count(*) FROM evaluation_run_batches WHERE run_id = {run.Id} AND last_parcel_id = '{id}'";
        await using var conn = await Db.Database.DataSource.OpenConnectionAsync();

        var one = await BatchAsync(0);
        var before = new TaskCompletionSource();
        var writing = ResultWriter.WriteAsync(conn, context, one.Parcels, one.Findings, before.Task, CancellationToken.None);
        try
        {
            // Its statements are done when its session sits idle in its transaction after the last of them, the marker.
            var waiting = $"SELECT count(*) FROM pg_stat_activity WHERE pid = {conn.ProcessID} AND state = 'idle in transaction' " +
                "AND query LIKE 'INSERT INTO evaluation_run_batches%'";
            for (var i = 0; i < 200 && await Db.ScalarAsync(waiting) == 0; i++)
                await Task.Delay(50);
            Assert.Equal(1, await Db.ScalarAsync(waiting));
            Assert.False(writing.IsCompleted);
            Assert.Equal(0, await Db.ScalarAsync(Marker(one.Id)));
        }
        finally
        {
            before.TrySetResult();
        }
        await writing;
        Assert.Equal(1, await Db.ScalarAsync(Marker(one.Id)));

        var two = await BatchAsync(1);
        var failed = Task.FromException(new InvalidOperationException("the batch before failed"));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ResultWriter.WriteAsync(conn, context, two.Parcels, two.Findings, failed, CancellationToken.None));
        Assert.Equal(0, await Db.ScalarAsync(Marker(two.Id)));
        Assert.Equal(0, await Db.ScalarAsync($"SELECT count(*) FROM findings WHERE run_id = {run.Id} AND parcel_id = '{two.Id}'"));
        Assert.Equal(0, await Db.ScalarAsync($"SELECT count(*) FROM parcel_status WHERE run_id = {run.Id} AND parcel_id = '{two.Id}'"));
    }

    async Task<object?> ScalarTextAsync(string sql)
    {
        await using var cmd = Db.Database.DataSource.CreateCommand(sql);
        return await cmd.ExecuteScalarAsync();
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; this one calls back at once, so the test knows when it fired.</summary>
    sealed class SynchronousProgress(Action<long> onReport) : IProgress<long>
    {
        public void Report(long value) => onReport(value);
    }
}
