using System.Globalization;
using LandQuality.Generation;
using LandQuality.Imports;
using LandQuality.Review.Cases;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Runs;
using LandQuality.Rules.Versions;

namespace LandQuality.IntegrationTests.Rules;

/// <summary>
/// The property of <c>lq evaluate --changed</c>: after any changes, the incremental run leaves every live parcel with
/// the findings and the verdict a full run over the same data gives. Rounds of random changes (seeded: the seed is in
/// every failure's message, and LQ_PROPERTY_SEED replays one) — parcel fields, owners added and removed through an
/// import of owners.csv, registry deaths and new names through an import of population.csv, ID numbers used under
/// another name, shared keys created and broken, parcels retired — each followed by an incremental run, chained on the
/// one before, and compared with the full run's results computed in memory on the same data. At the end a real full
/// run must change no verdict.
/// </summary>
public sealed class IncrementalEvaluationTests : IAsyncLifetime
{
    const int Parcels = 1500, Rounds = 4;
    readonly TestDatabase _db = new();
    readonly string _dir = Path.Combine(Path.GetTempPath(), $"lq-incr-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        SyntheticDataGenerator.Generate(new GeneratorOptions { Parcels = Parcels, Seed = 11 }, _dir);
        await new Importer(_db.Database).RunAsync(_dir, "test", null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Incremental_runs_after_random_changes_give_the_findings_and_verdicts_of_a_full_run()
    {
        var seed = Environment.GetEnvironmentVariable("LQ_PROPERTY_SEED") is { Length: > 0 } s
            ? int.Parse(s, CultureInfo.InvariantCulture) : 20261207;
        var random = new Random(seed);
        var runner = new EvaluationRunner(_db.Database);
        var first = await runner.RunAsync(new EvaluationRequest("test", ChangedOnly: true), null, CancellationToken.None);
        Assert.Equal("all", first.Scope); // nothing to continue from yet: a full run, and it says so
        Assert.StartsWith("a full run", first.Note);

        for (var round = 1; round <= Rounds; round++)
        {
            var changes = new RandomChanges(_db, random);
            await changes.ApplyAsync();
            var incremental = await runner.RunAsync(new EvaluationRequest("test", ChangedOnly: true), null, CancellationToken.None);
            var context = $"seed {seed} (LQ_PROPERTY_SEED={seed} replays it), round {round}, run #{incremental.RunId}; changes: {changes}";
            Assert.True(incremental.Scope == RunLog.ChangedScope, $"{context}: ran as {incremental.Scope} ({incremental.Note})");
            Assert.InRange(incremental.ParcelsEvaluated, 1, Parcels / 2);
            await AssertSameAsFullRunAsync(context);
        }

        var full = await runner.RunAsync(new EvaluationRequest("test"), null, CancellationToken.None);
        Assert.Equal(0, await _db.ScalarAsync(
            $"SELECT count(*) FROM audit_events WHERE kind = 'evaluated' AND payload::jsonb->>'evaluation_run' = '{full.RunId}'"));
        Assert.Equal(0, await _db.ScalarAsync($"SELECT count(*) FROM audit_events WHERE kind = 'case_closed' AND payload::jsonb->>'evaluation_run' = '{full.RunId}'"));
    }

    [Fact]
    public async Task Nothing_changed_evaluates_nothing_and_a_new_version_means_a_full_run()
    {
        var runner = new EvaluationRunner(_db.Database);
        await runner.RunAsync(new EvaluationRequest("test"), null, CancellationToken.None);
        var nothing = await runner.RunAsync(new EvaluationRequest("test", ChangedOnly: true), null, CancellationToken.None);
        Assert.Equal((RunLog.ChangedScope, 0L), (nothing.Scope, nothing.ParcelsEvaluated));

        // Reference data changed in the database: the next --changed run evaluates everything.
        await using (var touch = _db.Superuser.CreateCommand("UPDATE communes SET name = name WHERE code = (SELECT min(code) FROM communes)"))
            await touch.ExecuteNonQueryAsync();
        var afterReference = await runner.RunAsync(new EvaluationRequest("test", ChangedOnly: true), null, CancellationToken.None);
        Assert.Equal("all", afterReference.Scope);
        Assert.Contains("reference data", afterReference.Note);
    }

    [Fact]
    public async Task A_newly_published_version_means_a_full_run_and_the_next_one_continues_from_it()
    {
        var ct = CancellationToken.None;
        var runner = new EvaluationRunner(_db.Database);
        await runner.RunAsync(new EvaluationRequest("test"), null, ct);
        var store = new RuleSetStore(_db.Database);
        var published = (await store.GetPublishedAsync(RunLog.RuleSetInForce, ct))!;
        // The same rules as a new version: nothing in the data changed, still every verdict is the new version's to set.
        var copy = await store.RollbackAsync(RunLog.RuleSetInForce, published.Version, "policy.staff", "the test republishes the rules", ct);

        var afterPublishing = await runner.RunAsync(new EvaluationRequest("test", ChangedOnly: true), null, ct);
        var next = await runner.RunAsync(new EvaluationRequest("test", ChangedOnly: true), null, ct);

        Assert.Equal(("all", copy.Version, (long)Parcels), (afterPublishing.Scope, afterPublishing.Version, afterPublishing.ParcelsEvaluated));
        Assert.Contains($"v{copy.Version} was published", afterPublishing.Note);
        Assert.Equal((RunLog.ChangedScope, 0L), (next.Scope, next.ParcelsEvaluated));
        Assert.Equal($"the parcels changed since run #{afterPublishing.RunId}", next.Note);
    }

    [Fact]
    public async Task A_parcel_broken_then_repaired_gets_a_case_from_one_incremental_run_and_loses_it_in_the_next()
    {
        var ct = CancellationToken.None;
        var runner = new EvaluationRunner(_db.Database);
        await runner.RunAsync(new EvaluationRequest("test"), null, ct);
        await new CaseOpener(_db.Database).OpenAsync("test", ct);
        var openBefore = await _db.ScalarAsync("SELECT count(*) FROM review_cases WHERE status = 'Open'");
        var parcel = await _db.ScalarTextAsync("""
            SELECT s.parcel_id FROM parcel_status s WHERE s.correct AND s.sufficient AND s.clean AND s.alive
              AND NOT EXISTS (SELECT 1 FROM review_cases c WHERE c.parcel_id = s.parcel_id) ORDER BY s.parcel_id LIMIT 1
            """) ?? throw new InvalidOperationException("The generated data has no verified parcel.");
        var updatedOn = await _db.ScalarTextAsync($"SELECT updated_on::text FROM parcels WHERE parcel_id = '{parcel}'");

        // Broken: a required date cleared (missing_updated_on, an error). Only that parcel is evaluated, and its case opens.
        await ExecAsync($"UPDATE parcels SET updated_on = NULL WHERE parcel_id = '{parcel}'");
        var broken = await runner.RunAsync(new EvaluationRequest("test", ChangedOnly: true), null, ct);
        var opened = await new CaseOpener(_db.Database).OpenAsync("test", ct, onlyRun: broken.RunId);
        Assert.Equal((RunLog.ChangedScope, 1L, 1L), (broken.Scope, broken.ParcelsEvaluated, opened));
        Assert.Equal(1, await _db.ScalarAsync($"SELECT count(*) FROM review_cases WHERE parcel_id = '{parcel}' AND status = 'Open'"));
        Assert.Equal(openBefore + 1, await _db.ScalarAsync("SELECT count(*) FROM review_cases WHERE status = 'Open'"));

        // Repaired: the next incremental run finds it clean and the system closes its case, in the parcel's history.
        await ExecAsync($"UPDATE parcels SET updated_on = DATE '{updatedOn}' WHERE parcel_id = '{parcel}'");
        var repaired = await runner.RunAsync(new EvaluationRequest("test", ChangedOnly: true), null, ct);
        Assert.Equal(1L, repaired.ParcelsEvaluated);
        Assert.Equal(0, await new CaseOpener(_db.Database).OpenAsync("test", ct, onlyRun: repaired.RunId));
        Assert.Equal("Verified", await _db.ScalarTextAsync($"SELECT status FROM review_cases WHERE parcel_id = '{parcel}'"));
        Assert.Equal(openBefore, await _db.ScalarAsync("SELECT count(*) FROM review_cases WHERE status = 'Open'"));
        Assert.Equal(1, await _db.ScalarAsync(
            $"SELECT count(*) FROM audit_events WHERE parcel_id = '{parcel}' AND kind = 'case_closed' AND payload::jsonb->>'evaluation_run' = '{repaired.RunId}'"));
    }

    async Task ExecAsync(string sql)
    {
        await using var cmd = _db.Superuser.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Every live parcel's stored verdict and current findings against a full evaluation of the data as it is now.</summary>
    async Task AssertSameAsFullRunAsync(string context)
    {
        var ds = _db.Database.DataSource;
        var version = await RunLog.ResolveVersionAsync(_db.Database, new EvaluationRequest("test"), CancellationToken.None);
        var rules = CompiledVersions.Get(version);
        var setWide = await SetWideFacts.LoadAsync(ds, null, CancellationToken.None);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var batch in ParcelFactsReader.ReadAsync(ds, setWide, null, null, DateOnly.FromDateTime(DateTime.UtcNow), 500, CancellationToken.None))
        {
            var findings = rules.Evaluate(batch);
            var byParcel = findings.ToLookup(f => f.ParcelId, StringComparer.Ordinal);
            foreach (var v in ParcelVerdict.Of(batch, findings))
                expected[v.ParcelId] = Describe(v.Correct, v.Sufficient, v.Clean, v.Alive, v.Errors, v.Warnings, v.Failing,
                    byParcel[v.ParcelId].Select(f => $"{f.RuleName}|{f.Message}|{f.IsRuleError}"));
        }

        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var cmd = ds.CreateCommand("""
            SELECT s.parcel_id, s.correct, s.sufficient, s.clean, s.alive, s.errors, s.warnings, coalesce(s.failing, ''),
                   coalesce((SELECT array_agg(f.rule_name || '|' || f.message || '|' || CASE WHEN f.is_rule_error THEN 'True' ELSE 'False' END)
                             FROM findings f WHERE f.run_id = s.run_id AND f.parcel_id = s.parcel_id), '{}')
            FROM parcel_status s JOIN parcels p ON p.parcel_id = s.parcel_id WHERE p.retired_at IS NULL
            """))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
                stored[r.GetString(0)] = Describe(r.GetBoolean(1), r.GetBoolean(2), r.GetBoolean(3), r.GetBoolean(4), r.GetInt32(5), r.GetInt32(6),
                    r.GetString(7), r.GetFieldValue<string[]>(8));

        var differences = expected.Keys.Union(stored.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(id => expected.GetValueOrDefault(id) != stored.GetValueOrDefault(id))
            .Select(id => $"{id}: full run {expected.GetValueOrDefault(id) ?? "(not evaluated)"}; stored {stored.GetValueOrDefault(id) ?? "(none)"}")
            .ToList();
        Assert.True(differences.Count == 0, $"{context}\n{differences.Count} parcel(s) differ, e.g.:\n{string.Join("\n", differences.Take(5))}");
    }

    static string Describe(bool correct, bool sufficient, bool clean, bool alive, int errors, int warnings, string failing, IEnumerable<string> findings) =>
        $"[{correct},{sufficient},{clean},{alive} e{errors} w{warnings} {failing}] {string.Join("; ", findings.Order(StringComparer.Ordinal))}";

    /// <summary>One round of changes, some through the import (owners.csv, population.csv), the rest by statements where no other path exists.</summary>
    sealed class RandomChanges(TestDatabase db, Random random)
    {
        readonly List<string> _done = [];

        public override string ToString() => string.Join(", ", _done);

        public async Task ApplyAsync()
        {
            var parcels = await ListAsync("SELECT parcel_id FROM parcels WHERE retired_at IS NULL ORDER BY parcel_id");
            string Parcel() => parcels[random.Next(parcels.Count)];
            string Quote(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
            string Some(int n) => string.Join(", ", Enumerable.Range(0, n).Select(_ => Quote(Parcel())));

            // Parcel fields.
            await ExecAsync($"UPDATE parcels SET area_m2 = area_m2 * 1.7 WHERE parcel_id IN ({Some(8)})", "areas");
            await ExecAsync($"UPDATE parcels SET legal_area_m2 = NULL WHERE parcel_id IN ({Some(4)})", "legal areas cleared");
            await ExecAsync($"UPDATE parcels SET updated_on = DATE '2031-01-01' WHERE parcel_id IN ({Some(3)})", "dates in the future");
            await ExecAsync($"DELETE FROM certificates WHERE parcel_id IN ({Some(3)})", "certificates removed");
            await ExecAsync($"UPDATE parcel_purposes SET code = 'XYZ' WHERE parcel_id IN ({Some(3)})", "land-use codes");
            // Shared keys created (a parcel takes another's key in its commune) and broken (one of a shared key moves away).
            foreach (var _ in Enumerable.Range(0, 4))
                await ExecAsync($"""
                    UPDATE parcels q SET map_sheet = p.map_sheet, parcel_no = p.parcel_no FROM parcels p
                    WHERE p.parcel_id = (SELECT parcel_id FROM parcels WHERE commune_code = (SELECT commune_code FROM parcels WHERE parcel_id = {Quote(Parcel())})
                                         AND retired_at IS NULL AND map_sheet IS NOT NULL ORDER BY parcel_id OFFSET {random.Next(20)} LIMIT 1)
                      AND q.parcel_id = (SELECT parcel_id FROM parcels WHERE commune_code = p.commune_code AND parcel_id <> p.parcel_id
                                         AND retired_at IS NULL ORDER BY parcel_id OFFSET {random.Next(20)} LIMIT 1)
                    """, "keys shared");
            await ExecAsync($"""
                UPDATE parcels SET parcel_no = parcel_no + 500000 + {random.Next(1000)} WHERE parcel_id IN (
                    SELECT min(parcel_id) FROM parcels WHERE retired_at IS NULL AND map_sheet IS NOT NULL AND parcel_no IS NOT NULL
                    GROUP BY commune_code, map_sheet, parcel_no HAVING count(*) > 1 ORDER BY md5(min(parcel_id) || '{random.Next()}') LIMIT 3)
                """, "keys unshared");
            // Retirements: a parcel leaves its key's count and its owners' names.
            await ExecAsync($"UPDATE parcels SET retired_at = now(), retired_by = 'test' WHERE parcel_id IN ({Some(2)})", "retired");
            // An ID number used under another name, and an owner taking another's ID number.
            await ExecAsync($"UPDATE owners SET full_name = 'Phan Thị Khác' WHERE parcel_id IN ({Some(3)}) AND seq = 1", "owner names");
            await ExecAsync($"""
                UPDATE owners o SET id_number = (SELECT id_number FROM owners WHERE id_number IS NOT NULL ORDER BY parcel_id, seq OFFSET {random.Next(500)} LIMIT 1)
                WHERE parcel_id IN ({Some(3)}) AND seq = 1
                """, "owner ID numbers");

            // Owners added and removed, and the registry's deaths and new names, through the import.
            using var files = new Imports.ImportFixtureFiles();
            var owners = new List<string>();
            foreach (var parcel in Enumerable.Range(0, 10).Select(_ => Parcel()).Distinct(StringComparer.Ordinal))
            {
                var rows = await RowsAsync($"""
                    SELECT parcel_id, full_name, coalesce(birth_date::text, birth_year::text, ''), coalesce(gender, ''), coalesce(id_number, ''), coalesce(share::text, '')
                    FROM owners WHERE parcel_id = {Quote(parcel)} ORDER BY seq
                    """);
                if (rows.Count > 1 && random.Next(2) == 0)
                    rows.RemoveAt(random.Next(rows.Count)); // removed
                else
                    rows.AddRange(await RowsAsync($"""
                        SELECT {Quote(parcel)}, full_name, coalesce(birth_date::text, ''), coalesce(gender, ''), id_number, ''
                        FROM population_records ORDER BY id_number OFFSET {random.Next(1000)} LIMIT 1
                        """)); // added: a person of the registry
                owners.AddRange(rows.Select(Csv));
            }
            var population = await RowsAsync($"""
                SELECT id_number, CASE WHEN n % 2 = 0 THEN full_name ELSE full_name || ' Mới' END, coalesce(birth_date::text, ''), coalesce(gender, ''),
                       coalesce(permanent_address, ''), CASE WHEN n % 2 = 0 THEN 'deceased' ELSE status END
                FROM (SELECT r.*, row_number() OVER (ORDER BY r.id_number) AS n FROM population_records r
                      WHERE id_number IN (SELECT id_number FROM owners ORDER BY parcel_id, seq OFFSET {random.Next(1000)} LIMIT 6)) x
                """);
            files.Owners([.. owners]).Population([.. population.Select(Csv)]);
            var import = await new Importer(db.Database).RunAsync(files.Directory, "test", null, CancellationToken.None);
            _done.Add($"import #{import.ImportId}: {owners.Count} owner rows, {population.Count} registry rows");
        }

        static string Csv(string[] row) => string.Join(',', row.Select(v => v.Contains(',', StringComparison.Ordinal) || v.Contains('"', StringComparison.Ordinal)
            ? $"\"{v.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : v));

        async Task ExecAsync(string sql, string what)
        {
            await using var cmd = db.Superuser.CreateCommand(sql);
            var rows = await cmd.ExecuteNonQueryAsync();
            _done.Add($"{what} {rows}");
        }

        async Task<List<string>> ListAsync(string sql)
        {
            var list = new List<string>();
            await using var cmd = db.Superuser.CreateCommand(sql);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
                list.Add(r.GetString(0));
            return list;
        }

        async Task<List<string[]>> RowsAsync(string sql)
        {
            var rows = new List<string[]>();
            await using var cmd = db.Superuser.CreateCommand(sql);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
                rows.Add(Enumerable.Range(0, r.FieldCount).Select(i => r.GetString(i)).ToArray());
            return rows;
        }
    }
}
