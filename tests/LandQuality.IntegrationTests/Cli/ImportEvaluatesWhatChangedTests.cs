using LandQuality.Generation;
using LandQuality.Imports;
using LandQuality.Interchange;
using LandQuality.Review.Cases;
using LandQuality.Rules.Runs;

namespace LandQuality.IntegrationTests.Cli;

/// <summary>
/// <c>lq import</c> evaluates what it changed by itself (issue 21): the next export, with one parcel recorded wrong,
/// evaluates that parcel alone and opens its case; with <c>--no-evaluate</c> nothing is evaluated.
/// </summary>
public sealed class ImportEvaluatesWhatChangedTests : IAsyncLifetime
{
    readonly TestDatabase _db = new();
    readonly string _dir = Path.Combine(Path.GetTempPath(), $"lq-import-eval-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        SyntheticDataGenerator.Generate(new GeneratorOptions { Parcels = 400, Seed = 5 }, _dir);
        await new Importer(_db.Database).RunAsync(_dir, "test", null, CancellationToken.None);
        await new EvaluationRunner(_db.Database).RunAsync(new EvaluationRequest("test"), null, CancellationToken.None);
        await new CaseOpener(_db.Database).OpenAsync("test", CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task The_next_export_evaluates_only_the_parcel_it_changed_and_opens_its_case_unless_told_not_to()
    {
        var parcel = await _db.ScalarTextAsync("""
            SELECT s.parcel_id FROM parcel_status s WHERE s.correct AND s.sufficient AND s.clean AND s.alive ORDER BY s.parcel_id LIMIT 1
            """);
        var runs = await _db.ScalarAsync("SELECT count(*) FROM evaluation_runs");

        // The same export again, every parcel, one of them without its update date (the last column): a required field missing.
        var broken = ExportWith(parcel!, updatedOn: "");
        var output = await Lq.SucceedsAsync(_db.ConnectionString, "import", broken);

        Assert.Contains("Run #", output, StringComparison.Ordinal);
        Assert.Contains(": 1 parcels evaluated (the parcels changed since run #", output, StringComparison.Ordinal);
        Assert.Contains("1 cases opened, 0 closed as verified", output, StringComparison.Ordinal);
        Assert.Equal(1, await _db.ScalarAsync($"SELECT count(*) FROM review_cases WHERE parcel_id = '{parcel}' AND status = 'Open'"));

        // Put right again, without evaluating: no run, and the case stays open until the next evaluation.
        var repaired = ExportWith(parcel!, updatedOn: null);
        var quiet = await Lq.SucceedsAsync(_db.ConnectionString, "import", repaired, "--no-evaluate");
        Assert.DoesNotContain("Run #", quiet, StringComparison.Ordinal);
        Assert.Equal(runs + 1, await _db.ScalarAsync("SELECT count(*) FROM evaluation_runs"));
        Assert.Equal(1, await _db.ScalarAsync($"SELECT count(*) FROM review_cases WHERE parcel_id = '{parcel}' AND status = 'Open'"));
        Assert.Equal((RunLog.ChangedScope, 1L), await NextIncrementalAsync());
        Assert.Equal("Verified", await _db.ScalarTextAsync($"SELECT status FROM review_cases WHERE parcel_id = '{parcel}'"));
    }

    async Task<(string, long)> NextIncrementalAsync()
    {
        var run = await new EvaluationRunner(_db.Database).RunAsync(new EvaluationRequest("test", ChangedOnly: true), null, CancellationToken.None);
        return (run.Scope, run.ParcelsEvaluated);
    }

    /// <summary>The generated parcels.csv in a folder of its own, with <paramref name="parcelId"/>'s update date replaced (null: as generated).</summary>
    string ExportWith(string parcelId, string? updatedOn)
    {
        var dir = Path.Combine(_dir, $"export-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var lines = File.ReadAllLines(Path.Combine(_dir, InterchangeFiles.Parcels))
            .Select(l => updatedOn is not null && l.StartsWith(parcelId + ",", StringComparison.Ordinal) ? l[..(l.LastIndexOf(',') + 1)] + updatedOn : l);
        File.WriteAllLines(Path.Combine(dir, InterchangeFiles.Parcels), lines);
        return dir;
    }
}
