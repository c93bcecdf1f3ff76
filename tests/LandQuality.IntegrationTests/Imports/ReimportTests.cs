using System.Text.Json;
using LandQuality.Audit;
using LandQuality.Imports;
using LandQuality.Interchange;

namespace LandQuality.IntegrationTests.Imports;

/// <summary>
/// A re-import stages only the rows that changed since the last import (row hashes): what it writes, and what it
/// must still do for every row — refuse malformed ones and duplicates, restore corrected ones, follow owners.
/// </summary>
public sealed class ReimportTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    // Each test uses its own parcel ids, so the tests of this class can share one database.
    static string Parcel(string id, int parcelNo = 1, string address = "Thôn 1", string updatedOn = "2024-01-02") =>
        $"{id},19753,9,{parcelNo},{address},300,300,ONT:300,CS 12345,CH01234,2011-01-02,,{updatedOn}";

    Task<ImportSummary> Import(ImportFixtureFiles files) =>
        new Importer(db.Database).RunAsync(files.Directory, "test", null, CancellationToken.None);

    Task<long> Entries(string prefix) => db.ScalarAsync($"SELECT count(*) FROM audit_events WHERE parcel_id LIKE '{prefix}%'");

    [Fact]
    public async Task A_re_import_with_one_row_changed_writes_only_that_parcel_and_its_history_entry()
    {
        var rows = Enumerable.Range(1, 50).Select(i => Parcel($"R1-{i}", i)).ToArray();
        var owners = Enumerable.Range(1, 50).Select(i => $"R1-{i},Lê Văn Cường,1975,M,,").ToArray();
        using var files = new ImportFixtureFiles().Parcels(rows).Owners(owners);
        await Import(files);
        var entriesBefore = await Entries("R1-");
        var xmin = await db.ScalarAsync("SELECT xmin::text::bigint FROM parcels WHERE parcel_id = 'R1-1'");

        rows[9] = Parcel("R1-10", 10, updatedOn: "2026-12-01");
        owners[19] = "R1-20,Lê Văn Cường Minh,1975,M,,";
        var summary = await Import(files.Parcels(rows).Owners(owners));

        var parcels = summary.Files.Single(f => f.FileName == InterchangeFiles.Parcels);
        Assert.Equal((50L, 0L, 1L, 49L), (parcels.RowsLoaded, parcels.Inserted, parcels.Updated, parcels.Unchanged));
        Assert.Equal(1, summary.Files.Single(f => f.FileName == InterchangeFiles.Owners).Updated);
        Assert.Equal(entriesBefore + 2, await Entries("R1-"));
        Assert.Equal(new DateOnly(2026, 12, 1).DayNumber - new DateOnly(2000, 1, 1).DayNumber,
            await db.ScalarAsync("SELECT updated_on - DATE '2000-01-01' FROM parcels WHERE parcel_id = 'R1-10'"));
        Assert.Equal("Lê Văn Cường Minh", await db.ScalarTextAsync("SELECT full_name FROM owners WHERE parcel_id = 'R1-20'"));
        Assert.Equal(xmin, await db.ScalarAsync("SELECT xmin::text::bigint FROM parcels WHERE parcel_id = 'R1-1'"));
        using (var entry = JsonDocument.Parse((await db.ScalarTextAsync("SELECT payload FROM audit_events WHERE parcel_id = 'R1-10' ORDER BY seq DESC LIMIT 1"))!))
        {
            Assert.Equal(summary.ImportId, entry.RootElement.GetProperty("import_id").GetInt64());
            var change = entry.RootElement.GetProperty("changes").GetProperty("updated_on");
            Assert.Equal(("2024-01-02", "2026-12-01"), (change[0].GetString(), change[1].GetString()));
            Assert.Single(entry.RootElement.GetProperty("changes").EnumerateObject());
        }
        Assert.True((await AuditVerifier.VerifyAsync(db.Database.DataSource, CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task An_unchanged_re_import_writes_nothing_and_reports_its_malformed_rows_again()
    {
        using var files = new ImportFixtureFiles()
            .Parcels(Parcel("R2-1"), "R2-2,19753,9,2,,12x,100,ODT:100,,,,,", Parcel("R2-3", 3))
            .Owners("R2-1,Võ Văn Hải,1990,M,,");
        var first = await Import(files);
        var entriesBefore = await db.ScalarAsync("SELECT count(*) FROM audit_events");

        var second = await Import(files);

        Assert.Equal(entriesBefore, await db.ScalarAsync("SELECT count(*) FROM audit_events"));
        Assert.All(second.Files, f => Assert.Equal((0L, 0L), (f.Inserted, f.Updated)));
        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM import_rejects WHERE import_id = {second.ImportId} AND line = 3 AND column_name = 'area_m2'"));
        Assert.Equal(first.ImportId, await db.ScalarAsync("SELECT import_id FROM parcels WHERE parcel_id = 'R2-3'"));
    }

    [Fact]
    public async Task A_row_that_became_malformed_is_rejected_and_the_previous_good_value_stays()
    {
        using var files = new ImportFixtureFiles().Parcels(Parcel("R3-1", address: "Thôn 1"), Parcel("R3-2", 2));
        await Import(files);

        var summary = await Import(files.Parcels("R3-1,19753,9,1,Thôn 9,300,300,ONT:abc,,,,,", Parcel("R3-2", 2)));

        Assert.Equal(1, summary.RowsRejected);
        Assert.Equal("Thôn 1", await db.ScalarTextAsync("SELECT address FROM parcels WHERE parcel_id = 'R3-1'"));
        // Fixed in the next file, the row is taken again: the hash stored is still the good row's, and the fixed row differs.
        await Import(files.Parcels(Parcel("R3-1", address: "Thôn 9"), Parcel("R3-2", 2)));
        Assert.Equal("Thôn 9", await db.ScalarTextAsync("SELECT address FROM parcels WHERE parcel_id = 'R3-1'"));
    }

    [Fact]
    public async Task A_key_already_in_the_database_listed_twice_keeps_its_first_row_and_rejects_the_second()
    {
        using var files = new ImportFixtureFiles().Parcels(Parcel("R4-1"), Parcel("R4-2", 2));
        await Import(files);

        var summary = await Import(files.Parcels(Parcel("R4-1"), Parcel("R4-2", 2), Parcel("R4-1", address: "Thôn 7")));

        Assert.Equal("4 parcel_id parcel_id R4-1 already appears on line 2; the first occurrence is kept", await db.ScalarTextAsync(
            $"SELECT string_agg(line || ' ' || column_name || ' ' || reason, '|') FROM import_rejects WHERE import_id = {summary.ImportId}"));
        Assert.Equal("Thôn 1", await db.ScalarTextAsync("SELECT address FROM parcels WHERE parcel_id = 'R4-1'"));
    }

    [Fact]
    public async Task A_parcel_corrected_since_the_last_import_is_set_back_to_the_file_by_the_same_file()
    {
        using var files = new ImportFixtureFiles().Parcels(Parcel("R5-1", address: "Thôn 1"));
        await Import(files);
        // As a correction writes: the field, and a correction_applied entry in the parcel's chain.
        await db.ScalarAsync("""
            WITH u AS (UPDATE parcels SET address = 'Thôn 5' WHERE parcel_id = 'R5-1' RETURNING 1)
            SELECT audit_append('R5-1', 'tester', 'correction_applied', '{"changes":{}}') FROM u
            """);

        var summary = await Import(files);

        Assert.Equal(1, summary.Files.Single().Updated);
        Assert.Equal("Thôn 1", await db.ScalarTextAsync("SELECT address FROM parcels WHERE parcel_id = 'R5-1'"));
    }

    [Fact]
    public async Task Owner_rows_of_a_parcel_scattered_in_the_file_keep_their_order_when_one_changes()
    {
        using var files = new ImportFixtureFiles()
            .Parcels(Parcel("R6-1"), Parcel("R6-2", 2))
            .Owners("R6-1,Phạm Văn Dũng,1970,M,,", "R6-2,Hồ Văn Giang,1960,M,,", "R6-1,Phạm Thị Em,1972,F,,");
        await Import(files);

        await Import(files.Owners("R6-1,Phạm Văn Dũng,1970,M,,", "R6-2,Hồ Văn Giang,1960,M,,", "R6-1,Phạm Thị Hoa,1972,F,,"));

        Assert.Equal("Phạm Văn Dũng|Phạm Thị Hoa",
            await db.ScalarTextAsync("SELECT string_agg(full_name, '|' ORDER BY seq) FROM owners WHERE parcel_id = 'R6-1'"));
    }

    [Fact]
    public async Task A_parcel_whose_owner_rows_all_disappear_loses_its_owners_though_its_own_row_is_unchanged()
    {
        using var files = new ImportFixtureFiles()
            .Parcels(Parcel("R7-1"), Parcel("R7-2", 2))
            .Owners("R7-1,Phạm Văn Dũng,1970,M,,", "R7-2,Hồ Văn Giang,1960,M,,");
        await Import(files);

        await Import(files.Owners("R7-1,Phạm Văn Dũng,1970,M,,"));

        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM owners WHERE parcel_id = 'R7-2'"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM owners WHERE parcel_id = 'R7-1'"));
    }

    [Fact]
    public async Task A_change_after_an_unchanged_re_import_is_still_found()
    {
        using var files = new ImportFixtureFiles().Parcels(Parcel("R8-1"), Parcel("R8-2", 2)).Owners("R8-1,Phạm Văn Dũng,1970,M,,");
        await Import(files);
        // Nothing changed: the stored hashes are kept as they were, only the watermark moves on.
        await Import(files);

        var summary = await Import(files.Parcels(Parcel("R8-1"), Parcel("R8-2", 2, address: "Thôn 8")));

        Assert.Equal((0L, 1L), summary.Files.Where(f => f.FileName == InterchangeFiles.Parcels).Select(f => (f.Inserted, f.Updated)).Single());
        Assert.Equal("Thôn 8", await db.ScalarTextAsync("SELECT address FROM parcels WHERE parcel_id = 'R8-2'"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM owners WHERE parcel_id = 'R8-1'"));
    }

    [Fact]
    public async Task An_owner_row_of_a_parcel_that_is_nowhere_is_refused_by_line_in_a_small_change_and_again_next_time()
    {
        var rows = Enumerable.Range(1, 30).Select(i => Parcel($"R9-{i}", i)).ToArray();
        var owners = Enumerable.Range(1, 30).Select(i => $"R9-{i},Đỗ Văn Hùng,1980,M,,").ToList();
        using var files = new ImportFixtureFiles().Parcels(rows).Owners([.. owners]);
        await Import(files);

        // One owner row of 31 staged: the merge takes the path for a small change.
        owners.Add("R9-X,Đỗ Thị Lan,1982,F,,");
        var first = await Import(files.Owners([.. owners]));
        var second = await Import(files);

        foreach (var import in new[] { first, second })
            Assert.Equal("32 parcel_id parcel_id R9-X is neither in this import's parcels.csv nor already in the database", await db.ScalarTextAsync(
                $"SELECT string_agg(line || ' ' || column_name || ' ' || reason, '|') FROM import_rejects WHERE import_id = {import.ImportId}"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM owners WHERE parcel_id = 'R9-X'"));
        Assert.Equal(30, await db.ScalarAsync("SELECT count(*) FROM owners WHERE parcel_id LIKE 'R9-%'"));
    }

    [Fact]
    public async Task A_small_change_of_land_use_and_certificate_is_written_and_noted_and_its_dropped_purposes_removed()
    {
        static string Row(int i, string landUse = "ONT:300", string certificate = "CS 12345,CH01234,2011-01-02") =>
            $"R10-{i},19753,9,{i},Thôn 1,300,300,{landUse},{certificate},,2024-01-02";
        var rows = Enumerable.Range(1, 30).Select(i => Row(i)).ToArray();
        using var files = new ImportFixtureFiles().Parcels(rows);
        await Import(files);

        rows[4] = Row(5, landUse: "ONT:200;CLN:100");
        rows[5] = Row(6, certificate: ",,");
        var widened = await Import(files.Parcels(rows));
        rows[4] = Row(5, landUse: "ONT:300");
        var narrowed = await Import(files.Parcels(rows));

        Assert.Equal((0L, 2L), widened.Files.Select(f => (f.Inserted, f.Updated)).Single());
        Assert.Equal("ONT:300", await db.ScalarTextAsync(
            "SELECT string_agg(code || ':' || trim_scale(area_m2), ';' ORDER BY seq) FROM parcel_purposes WHERE parcel_id = 'R10-5'"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM certificates WHERE parcel_id = 'R10-6'"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM certificates WHERE parcel_id = 'R10-7'"));
        string Changes(ImportSummary import, string parcel) => $"""
            SELECT payload::json -> 'changes' ->> 'land_use' FROM audit_events
            WHERE parcel_id = '{parcel}' AND (payload::json ->> 'import_id')::bigint = {import.ImportId}
            """;
        Assert.Equal("""["ONT:300", "ONT:200;CLN:100"]""", await db.ScalarTextAsync(Changes(widened, "R10-5")));
        Assert.Equal("""["ONT:200;CLN:100", "ONT:300"]""", await db.ScalarTextAsync(Changes(narrowed, "R10-5")));
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM audit_events WHERE parcel_id = 'R10-6'"));
        Assert.True((await AuditVerifier.VerifyAsync(db.Database.DataSource, CancellationToken.None)).Intact);
    }
}
