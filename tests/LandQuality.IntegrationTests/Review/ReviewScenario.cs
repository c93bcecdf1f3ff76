using LandQuality.Benchmarks;
using LandQuality.Imports;
using LandQuality.IntegrationTests.Imports;
using LandQuality.Review.Cases;
using LandQuality.Review.Queue;
using LandQuality.Rules.Runs;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.IntegrationTests.Review;

/// <summary>
/// Hand-made parcels with known defects, taken through evaluation and case opening, and the steps a
/// reviewer takes. Parcel ids are the test's own, so tests can share a database.
/// </summary>
sealed class ReviewScenario(TestDatabase db)
{
    public const string Commune = "19753";

    /// <summary>A parcel that passes every error rule except what <paramref name="defect"/> changes.</summary>
    public async Task AddParcelAsync(string id, int parcelNo, string defect)
    {
        var idNumber = $"04608{parcelNo:D7}";
        var (serial, name, registryName) = defect switch
        {
            "missing_certificate_serial" => ("", "Nguyễn Văn An", "Nguyễn Văn An"),
            "name_differs_from_registry" => ("CS 1" + parcelNo.ToString("D5", System.Globalization.CultureInfo.InvariantCulture), "Nguyễn Văn Bình", "Nguyễn Văn Bính"),
            _ => throw new ArgumentException(defect, nameof(defect)),
        };
        using var files = new ImportFixtureFiles()
            .Parcels($"{id},{Commune},7,{parcelNo},\"Kiệt 4 Lê Lợi, Phường Phú Xuân\",200,200,ODT:200,{serial},CH0{parcelNo:D4},2010-05-06,,2024-01-02")
            .Owners($"{id},{name},1980-02-03,M,{idNumber},")
            .Population($"{idNumber},{registryName},1980-02-03,M,Huế,alive");
        await new Importer(db.Database).RunAsync(files.Directory, "test", null, CancellationToken.None);
        var summary = await new EvaluationRunner(db.Database).EvaluateParcelAsync(id, new EvaluationRequest("test"), CancellationToken.None);
        var errors = await db.ScalarAsync($"SELECT errors FROM parcel_status WHERE parcel_id = '{id}'");
        Assert.True(errors == 1 && summary.FailuresPerRule.ContainsKey(defect),
            $"{id} should fail exactly {defect}, fails: {string.Join(", ", summary.FailuresPerRule.Keys)}");
    }

    /// <summary>Many parcels of one commune, each missing only its certificate serial, evaluated and with cases open.</summary>
    public async Task AddSerialDefectsAsync(string commune, int count)
    {
        using var files = new ImportFixtureFiles()
            .Parcels(Enumerable.Range(1, count).Select(i => $"C{commune}-{i},{commune},8,{i},Thôn 1,300,300,ONT:300,,CH0{i:D4},2011-01-02,,2024-01-02").ToArray())
            .Owners(Enumerable.Range(1, count).Select(i => $"C{commune}-{i},Lê Văn Cường,1975-05-06,M,046075{commune[^2..]}{i:D4},").ToArray())
            .Population(Enumerable.Range(1, count).Select(i => $"046075{commune[^2..]}{i:D4},Lê Văn Cường,1975-05-06,M,Huế,alive").ToArray());
        await new Importer(db.Database).RunAsync(files.Directory, "test", null, CancellationToken.None);
        await new EvaluationRunner(db.Database).RunAsync(new EvaluationRequest("test", CommuneCode: commune), null, CancellationToken.None);
        Assert.Equal(count, await db.ScalarAsync($"SELECT count(*) FROM parcel_status s JOIN parcels p USING (parcel_id) WHERE p.commune_code = '{commune}' AND errors = 1"));
        await OpenCasesAsync();
    }

    public async Task SeedReviewersAsync(int perCommune = 2) => await DemoReviewers.SeedAsync(db.Database, "46", perCommune, provinceStaff: 2, CancellationToken.None);

    public Task<long> OpenCasesAsync() => new CaseOpener(db.Database).OpenAsync("test", CancellationToken.None);

    public async Task<ReviewTask> OpenTaskAsync(string parcelId)
    {
        await using var context = db.Database.CreateContext();
        return await context.ReviewTasks.AsNoTracking().SingleAsync(t => t.ParcelId == parcelId
            && (t.Status == ReviewTaskStatus.Open || t.Status == ReviewTaskStatus.Claimed));
    }

    public async Task<ReviewCase> CaseAsync(string parcelId)
    {
        await using var context = db.Database.CreateContext();
        return await context.ReviewCases.AsNoTracking().Where(c => c.ParcelId == parcelId).OrderByDescending(c => c.Id).FirstAsync();
    }

    /// <summary>Claims the parcel's open task as <paramref name="user"/> and decides (the decision service runs any automatic stage it leads to).</summary>
    public async Task<DecisionOutcome> ActAsync(string user, string parcelId, string decision, string? reason = null, params FieldChange[] corrections)
    {
        var task = await OpenTaskAsync(parcelId);
        var claimed = await new ReviewQueue(db.Database).ClaimAsync(user, task.Id, CancellationToken.None);
        var outcome = await new DecisionService(db.Database).DecideAsync(
            new DecisionRequest(user, task.Id, claimed.Revision, decision, Guid.NewGuid().ToString("N"), reason, corrections), CancellationToken.None);
        return outcome;
    }
}
