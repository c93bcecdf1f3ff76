using System.Data;
using LandQuality.Data;
using LandQuality.Imports;
using LandQuality.Interchange;

namespace LandQuality.IntegrationTests.Imports;

/// <summary>Files that once broke an import or attacked the people who read its output (issue "Hardening").</summary>
public sealed class HostileFileTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static string Parcel(string id, string address = "\"Kiệt 4, Lê Lợi\"") =>
        $"{id},19753,12,345,{address},200,200,ODT:120,CS 123456,CH01234,2010-05-06,,2024-01-02";

    Task<ImportSummary> Import(ImportFixtureFiles files) =>
        new Importer(db.Database).RunAsync(files.Directory, "test", null, CancellationToken.None);

    async Task<List<(string File, long Line, string? Column, string Reason, string? Raw)>> Rejects(long importId)
    {
        var list = new List<(string, long, string?, string, string?)>();
        await using var cmd = db.Database.DataSource.CreateCommand(
            $"SELECT file_name, line, column_name, reason, raw_line FROM import_rejects WHERE import_id = {importId} ORDER BY file_name, line");
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            list.Add((r.GetFieldValue<string>("file_name"), r.GetFieldValue<long>("line"), r.GetFieldValue<string?>("column_name"),
                r.GetFieldValue<string>("reason"), r.GetFieldValue<string?>("raw_line")));
        return list;
    }

    [Fact]
    public async Task A_NUL_byte_in_the_last_population_row_refuses_that_row_by_line_and_keeps_every_other_row_of_all_three_files()
    {
        using var files = new ImportFixtureFiles()
            .Parcels(Parcel("NUL-1"), Parcel("NUL-2"))
            .Owners("NUL-1,Nguyễn Văn An,1980-02-03,M,046080000101,")
            .Population("046080000101,Nguyễn Văn An,1980-02-03,M,,alive", "046080000102,Trần Văn\0 Bé,1980-02-03,M,,alive");

        var summary = await Import(files);

        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM parcels WHERE parcel_id LIKE 'NUL-%'"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM owners WHERE parcel_id = 'NUL-1'"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM population_records WHERE id_number = '046080000101'"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM population_records WHERE id_number = '046080000102'"));
        var reject = Assert.Single(await Rejects(summary.ImportId));
        Assert.Equal((InterchangeFiles.Population, 3L, "full_name"), (reject.File, reject.Line, reject.Column));
        Assert.Contains("NUL", reject.Reason, StringComparison.Ordinal);
        Assert.Contains("Trần Văn\u2400 Bé", reject.Raw, StringComparison.Ordinal);
        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM imports WHERE id = {summary.ImportId} AND status = 'Completed'"));
    }

    [Fact]
    public async Task A_5_MB_address_is_refused_for_its_row_and_the_rows_around_it_are_kept()
    {
        var huge = new string('x', 5 * 1024 * 1024);
        using var files = new ImportFixtureFiles().Parcels(Parcel("BIG-1"), Parcel("BIG-2", address: huge), Parcel("BIG-3"));

        var summary = await Import(files);

        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM parcels WHERE parcel_id IN ('BIG-1', 'BIG-3')"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM parcels WHERE parcel_id = 'BIG-2'"));
        var reject = Assert.Single(await Rejects(summary.ImportId));
        Assert.Equal((3L, "address"), (reject.Line, reject.Column));
        Assert.Contains($"at most {RecordLimits.MaxFieldLength:N0}", reject.Reason, StringComparison.Ordinal);
        Assert.True(reject.Raw!.Length < 10_000, "the reject report keeps a bounded excerpt of the row");
    }

    [Theory]
    [InlineData("=HYPERLINK(\"\"http://x\"\";\"\"y\"\")")]
    [InlineData("+1")]
    [InlineData("@SUM(A1)")]
    [InlineData("-A1")]
    [InlineData("A 1")]
    [InlineData("Thửa-1")]
    public async Task A_parcel_id_that_is_not_a_plain_identifier_is_refused(string id)
    {
        using var files = new ImportFixtureFiles().Parcels("\"" + id + "\"" + Parcel("X").Substring(1), Parcel("PLAIN-" + id.Length));

        var summary = await Import(files);

        var reject = Assert.Single(await Rejects(summary.ImportId));
        Assert.Equal((2L, "parcel_id"), (reject.Line, reject.Column));
        Assert.Contains("plain identifier", reject.Reason, StringComparison.Ordinal);
        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM parcels WHERE parcel_id = 'PLAIN-{id.Length}'"));
    }

    [Fact]
    public async Task Every_text_cell_an_export_writes_that_a_spreadsheet_would_run_starts_with_a_quote()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lq-export-{Guid.NewGuid():N}.csv");
        try
        {
            await CsvExport.ToFileAsync(db.Database.DataSource, """
                SELECT '=HYPERLINK("http://x","y")' AS parcel_id, '+1' AS a, '-2' AS b, '@x' AS c, E'\tt' AS d,
                       'Nguyễn =A1' AS safe, -5 AS number, NULL::text AS empty
                """, path, CancellationToken.None);

            var lines = await File.ReadAllLinesAsync(path);
            Assert.Equal("parcel_id,a,b,c,d,safe,number,empty", lines[0]);
            Assert.Equal("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1,'-2,'@x,'\tt,Nguyễn =A1,-5,", lines[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_import_whose_session_dies_during_its_vacuum_is_complete_with_its_files_and_counts()
    {
        using var files = new ImportFixtureFiles()
            .Parcels(Parcel("VAC-1"), Parcel("VAC-2"))
            .Population("046080000201,Nguyễn Văn An,1980-02-03,M,,alive");
        // Hold the lock VACUUM needs, so the import stops right there, its merge committed.
        await using var blocker = await db.Database.DataSource.OpenConnectionAsync();
        await using var tx = await blocker.BeginTransactionAsync();
        await using (var lockCmd = new Npgsql.NpgsqlCommand("LOCK TABLE population_records IN SHARE UPDATE EXCLUSIVE MODE", blocker, tx))
            await lockCmd.ExecuteNonQueryAsync();

        var import = Import(files);
        long pid = 0;
        for (var i = 0; i < 600 && pid == 0; i++)
        {
            pid = await db.ScalarAsync("SELECT coalesce(max(pid), 0) FROM pg_stat_activity WHERE query LIKE 'VACUUM%' AND wait_event_type = 'Lock'");
            if (pid == 0)
                await Task.Delay(100);
        }
        Assert.NotEqual(0, pid);
        var importId = await db.ScalarAsync("SELECT max(id) FROM imports");
        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM imports WHERE id = {importId} AND status = 'Completed'"));

        // Its session dies mid-vacuum (as when the process is killed): the import is complete all the same, and says so.
        await db.ScalarAsync($"SELECT count(*) FROM (SELECT pg_terminate_backend({pid})) t");
        var summary = await import;
        await tx.RollbackAsync();
        Assert.Equal(importId, summary.ImportId);
        Assert.Contains("vacuum", summary.Warning, StringComparison.Ordinal);

        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM imports WHERE id = {importId} AND status = 'Completed' AND error IS NULL"));
        Assert.Equal(2, await db.ScalarAsync($"SELECT count(*) FROM import_files WHERE import_id = {importId} AND length(sha256) = 64 AND rows_loaded > 0"));
        Assert.Equal(2, await db.ScalarAsync($"SELECT count(*) FROM parcels WHERE parcel_id LIKE 'VAC-%' AND import_id = {importId}"));
    }
}
