using LandQuality.Audit;
using LandQuality.Imports;
using LandQuality.IntegrationTests.Imports;
using LandQuality.IntegrationTests.Rules;
using LandQuality.Review.Cases;
using LandQuality.Rules.Runs;

namespace LandQuality.IntegrationTests.Audit;

/// <summary>
/// A history the product wrote over generated Huế data (a first load of 3,000 parcels with their
/// defects, an evaluation, cases opened, then an import that changes parcels already there) passes
/// every check of <c>lq audit verify</c>: nothing the product does looks like tampering.
/// </summary>
public sealed class GeneratedHistoryTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    TestDatabase Db => data.Db;

    [Fact]
    public async Task Imports_evaluations_and_cases_of_a_generated_data_set_pass_every_check()
    {
        await new EvaluationRunner(Db.Database).RunAsync(new EvaluationRequest("test"), null, CancellationToken.None);
        Assert.True(await new CaseOpener(Db.Database).OpenAsync("test", CancellationToken.None) > 0);
        // A second import: one parcel changed (area, a new owner), one new.
        var changed = (await Db.ScalarTextAsync("SELECT parcel_id FROM parcels ORDER BY parcel_id LIMIT 1"))!;
        var commune = (await Db.ScalarTextAsync($"SELECT commune_code FROM parcels WHERE parcel_id = '{changed}'"))!;
        using (var files = new ImportFixtureFiles()
                   .Parcels($"{changed},{commune},90,1,Thôn 2,123.40,123.40,ONT:123.4,CS 123456,CH01234,2012-03-04,,2024-05-06",
                            $"G-NEW-1,{commune},90,2,Thôn 2,50,50,ONT:50,,,,,2024-05-06")
                   .Owners($"{changed},Trần Thị Hoa,1990,F,046190001234,", $"G-NEW-1,Lê Văn Tâm,1985-01-02,M,,"))
            await new Importer(Db.Database).RunAsync(files.Directory, "test", null, CancellationToken.None);

        var result = await AuditVerifier.VerifyAsync(Db.Database.DataSource, new VerifyOptions(), CancellationToken.None);

        Assert.True(result.Intact, string.Join("; ", result.Breaks.Take(20)));
        Assert.Equal((GeneratedDataSet.Parcels + 1L, 0L), (result.FieldsCompared, result.FieldsNotRecorded));
        Assert.Equal(2, await Db.ScalarAsync($"SELECT count(*) FROM audit_events WHERE parcel_id = '{changed}' AND kind = 'imported'"));
        Assert.Equal(0, await Db.ScalarAsync($"SELECT count(*) FROM ({ParcelState.AllSql}) st WHERE st.state IS DISTINCT FROM {ParcelState.Of("st.parcel_id")}"));
    }
}
