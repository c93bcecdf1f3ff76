using LandQuality.Imports;
using LandQuality.Interchange;

namespace LandQuality.IntegrationTests.Imports;

public sealed class ImportTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    // Each test uses its own parcel ids, so the tests of this class can share one database.
    static string Parcel(string id, string landUse = "ODT:120;CLN:80", string serial = "CS 123456") =>
        $"{id},19753,12,345,\"Kiệt 4, Lê Lợi, Phường Phú Xuân\",200,200,{landUse},{serial},CH01234,2010-05-06,,2024-01-02";

    Task<ImportSummary> Import(ImportFixtureFiles files) =>
        new Importer(db.Database).RunAsync(files.Directory, "test", null, CancellationToken.None);

    [Fact]
    public async Task Import_loads_parcels_purposes_certificates_owners_and_registry_and_records_the_run()
    {
        using var files = new ImportFixtureFiles()
            .Parcels(Parcel("A-1"), Parcel("A-2", landUse: "ONT:300", serial: ""))
            .Owners("A-1,Nguyễn Văn An,1980-02-03,M,046080000001,0.5", "A-1,Trần Thị Bình,1982,F,046182000002,0.5")
            .Population("046080000001,Nguyễn Văn An,1980-02-03,M,\"Phú Xuân, Huế\",alive", "046182000002,Trần Thị Bình,1982-07-08,F,,deceased");

        var summary = await Import(files);

        Assert.All(summary.Files, f => Assert.Equal(0, f.RowsRejected));
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM parcels WHERE parcel_id LIKE 'A-%'"));
        Assert.Equal(3, await db.ScalarAsync("SELECT count(*) FROM parcel_purposes WHERE parcel_id LIKE 'A-%'"));
        Assert.Equal(120, await db.ScalarAsync("SELECT area_m2 FROM parcel_purposes WHERE parcel_id = 'A-1' AND seq = 1 AND code = 'ODT'"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM certificates WHERE parcel_id = 'A-2' AND serial IS NULL AND book_no = 'CH01234'"));
        Assert.Equal(1982, await db.ScalarAsync("SELECT birth_year FROM owners WHERE parcel_id = 'A-1' AND seq = 2 AND birth_date IS NULL"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM population_records WHERE id_number = '046182000002' AND status = 'deceased'"));
        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM imports WHERE id = {summary.ImportId} AND status = 'Completed' AND imported_by = 'test'"));
        Assert.Equal(3, await db.ScalarAsync($"SELECT count(*) FROM import_files WHERE import_id = {summary.ImportId} AND length(sha256) = 64"));
        Assert.Equal(summary.ImportId, await db.ScalarAsync("SELECT import_id FROM parcels WHERE parcel_id = 'A-1'"));
    }

    [Fact]
    public async Task Import_leaves_the_tables_it_wrote_vacuumed_and_analysed()
    {
        using var files = new ImportFixtureFiles()
            .Parcels(Parcel("V-1"), Parcel("V-2"))
            .Owners("V-1,Phan Văn Đức,1970,M,046070000009,")
            .Population("046070000009,Phan Văn Đức,1970-01-09,M,,alive");

        const string Counts = """
            SELECT coalesce(sum(vacuum_count + analyze_count), 0) FROM pg_stat_user_tables
            WHERE relname IN ('parcels', 'certificates', 'parcel_purposes', 'owners', 'population_records')
            """;
        var before = await db.ScalarAsync(Counts);

        var summary = await Import(files);

        // Counted, not read from the visibility map: whether a page can be marked all-visible depends on
        // every transaction open on the cluster (the tests running beside this one), not on the import.
        Assert.Null(summary.Warning);
        Assert.Equal(before + 10, await db.ScalarAsync(Counts));
        Assert.Equal(5, await db.ScalarAsync("""
            SELECT count(*) FROM pg_class
            WHERE relname IN ('parcels', 'certificates', 'parcel_purposes', 'owners', 'population_records')
              AND reltuples > 0
            """));
    }

    [Fact]
    public async Task Reimporting_the_same_files_rewrites_nothing()
    {
        using var files = new ImportFixtureFiles()
            .Parcels(Parcel("B-1"), Parcel("B-2"))
            .Owners("B-1,Lê Văn Cường,1975,M,046075000003,");
        var first = await Import(files);
        var xminBefore = await db.ScalarAsync("SELECT xmin::text::bigint FROM parcels WHERE parcel_id = 'B-1'");

        var second = await Import(files);

        var parcels = second.Files.Single(f => f.FileName == InterchangeFiles.Parcels);
        Assert.Equal((2, 0, 0, 2), (parcels.RowsLoaded, parcels.Inserted, parcels.Updated, parcels.Unchanged));
        Assert.Equal(xminBefore, await db.ScalarAsync("SELECT xmin::text::bigint FROM parcels WHERE parcel_id = 'B-1'"));
        Assert.Equal(first.ImportId, await db.ScalarAsync("SELECT import_id FROM parcels WHERE parcel_id = 'B-1'"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM owners WHERE parcel_id = 'B-1'"));
    }

    [Fact]
    public async Task A_changed_file_updates_changed_rows_and_drops_purposes_and_owners_it_no_longer_lists()
    {
        using var files = new ImportFixtureFiles()
            .Parcels(Parcel("C-1", landUse: "ODT:100;CLN:100"), Parcel("C-2"))
            .Owners("C-1,Phạm Văn Dũng,1970,M,,", "C-1,Phạm Thị Em,1972,F,,", "C-2,Hồ Văn Giang,1960,M,,");
        await Import(files);

        files.Parcels(Parcel("C-1", landUse: "ODT:200"), Parcel("C-2")).Owners("C-1,Phạm Văn Dũng,1970,M,,");
        var summary = await Import(files);

        Assert.Equal(1, summary.Files.Single(f => f.FileName == InterchangeFiles.Parcels).Updated);
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM parcel_purposes WHERE parcel_id = 'C-1'"));
        Assert.Equal(200, await db.ScalarAsync("SELECT area_m2 FROM parcel_purposes WHERE parcel_id = 'C-1'"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM owners WHERE parcel_id = 'C-1'"));
        // C-2 is in parcels.csv but no longer in owners.csv: the file says it has no owner now.
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM owners WHERE parcel_id = 'C-2'"));
    }

    [Fact]
    public async Task Malformed_rows_are_rejected_by_line_column_and_reason_and_every_good_row_is_kept()
    {
        using var files = new ImportFixtureFiles().Parcels(
            Parcel("D-1"),                                                                       // line 2
            "D-2,99999,1,1,,100,100,ODT:100,,,,,",                                               // line 3: unknown commune
            "D-3,19753,1,1,\"unterminated,100,100,ODT:100,,,,,",                                 // line 4: broken quoting
            Parcel("D-4"),                                                                       // line 5
            "D-5,19753,1,1,,12x,100,ODT:100,,,,,",                                               // line 6: bad number
            "D-6,19753,1,1,,100,100,ODT:100,,,2024-13-01,,",                                     // line 7: bad date
            "D-7,19753,1,1,,100,100,ODT:abc,,,,,",                                               // line 8: bad land use
            "D-8,19753,1,1,,100",                                                                // line 9: too few fields
            Parcel("D-1"),                                                                       // line 10: duplicate key
            Parcel("D-9"));                                                                      // line 11

        var summary = await Import(files);

        var parcels = summary.Files.Single();
        Assert.Equal((10, 3, 7), (parcels.RowsRead, parcels.RowsLoaded, parcels.RowsRejected));
        Assert.Equal(3, await db.ScalarAsync("SELECT count(*) FROM parcels WHERE parcel_id IN ('D-1', 'D-4', 'D-9')"));
        var rejects = await Rejects(summary.ImportId);
        Assert.Equal([3L, 4, 6, 7, 8, 9, 10], rejects.Select(r => r.Line));
        Assert.Equal(["commune_code", null, "area_m2", "certificate_issued_on", "land_use", null, "parcel_id"], rejects.Select(r => r.Column));
        Assert.Contains("99999", rejects[0].Reason, StringComparison.Ordinal);
        Assert.Contains("quot", rejects[1].Reason, StringComparison.Ordinal);
        Assert.Contains("line 2", rejects[6].Reason, StringComparison.Ordinal);
        Assert.StartsWith("D-3,", rejects[1].Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Owners_of_parcels_that_exist_nowhere_are_rejected()
    {
        using var files = new ImportFixtureFiles().Parcels(Parcel("E-1")).Owners("E-1,Võ Văn Hải,1990,M,,", "E-404,Đỗ Thị Lan,1991,F,,");

        var summary = await Import(files);

        var owners = summary.Files.Single(f => f.FileName == InterchangeFiles.Owners);
        Assert.Equal((1, 1), (owners.RowsLoaded, owners.RowsRejected));
        var reject = Assert.Single(await Rejects(summary.ImportId));
        Assert.Equal((InterchangeFiles.Owners, 3L, "parcel_id"), (reject.File, reject.Line, reject.Column));
    }

    [Fact]
    public async Task A_file_without_a_required_column_is_refused_whole_and_the_run_is_marked_failed()
    {
        using var files = new ImportFixtureFiles().Write(InterchangeFiles.Parcels, ["parcel_id", "commune_code"], ["F-1,19753"]);

        var error = await Assert.ThrowsAsync<InterchangeFormatException>(() => Import(files));

        Assert.Contains("map_sheet", error.Message, StringComparison.Ordinal);
        Assert.Contains("parcels.csv: line 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM parcels WHERE parcel_id = 'F-1'"));
        Assert.True(await db.ScalarAsync("SELECT count(*) FROM imports WHERE status = 'Failed'") >= 1);
    }

    async Task<List<(string File, long Line, string? Column, string Reason, string? Raw)>> Rejects(long importId)
    {
        var list = new List<(string, long, string?, string, string?)>();
        await using var cmd = db.Database.DataSource.CreateCommand(
            $"SELECT file_name, line, column_name, reason, raw_line FROM import_rejects WHERE import_id = {importId} ORDER BY file_name, line");
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            list.Add((r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
        return list;
    }
}
