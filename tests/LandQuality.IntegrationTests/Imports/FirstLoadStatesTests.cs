using System.Text.Json;
using LandQuality.Audit;
using LandQuality.Imports;

namespace LandQuality.IntegrationTests.Imports;

/// <summary>
/// A first import computes each parcel's state from its parsed rows (ParcelStateText) rather than from the tables:
/// the text must be PostgreSQL's record output byte for byte, or <c>lq audit verify</c> would call the parcel changed
/// outside the product. The values below need each of its rules: quoting and doubling in records, backslash escapes
/// in arrays, rounding to the columns' scales, day numbers before 2000, NULLs, multi-byte text.
/// </summary>
public sealed class FirstLoadStatesTests : IAsyncLifetime
{
    readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();

    const string FromFiles = "hash chains: imported entries, new chains, states from the files";

    static string Parcel(string id, string address = "Thôn 1", string area = "300", string legal = "300", string landUse = "ONT:300",
        string certificate = "CS 12345,CH01234,2011-01-02", string geometry = "", string updated = "2024-01-02") =>
        $"{id},19753,9,1,{address},{area},{legal},{landUse},{certificate},{geometry},{updated}";

    [Fact]
    public async Task States_computed_from_the_files_are_the_states_of_the_loaded_tables()
    {
        using var files = new ImportFixtureFiles()
            .Parcels(
                Parcel("Q-1", address: "\"Kiệt 4, \"\"Lê Lợi\"\" (Phú Xuân) \\ {x}\"", area: "300.005", legal: "-0", landUse: "ODT:120.555;CLN;nnp:0.004"),
                Parcel("Q-2", address: "\"dòng 1\ndòng 2\ttab\u000bvt\u000cff\"", area: "12345678.125", legal: "", landUse: "",
                    certificate: ",CH 01,", geometry: "\"POLYGON ((1 2, 3 4, 5 6, 1 2))\"", updated: "1999-12-31"),
                Parcel("Q-3", address: "NULL", area: ".5", legal: "7.", certificate: ",,1970-01-01", updated: ""),
                Parcel("Q-4", address: "\"\"\"\"", landUse: "A1:1;B2:2;C3:3"),
                Parcel("Q-5", address: "nbsp\u00a0và 🏠 emoji"),
                Parcel("Q-6"))
            .Owners(
                "Q-1,\"Trần \"\"Bé\"\" {Bình}, \\ (con)\",1982,Nữ,046182000002,0.3333333",
                "Q-1,NULL,1899-12-31,M,,0.0000005",
                "Q-1,Nguyễn Văn An,2000-01-01,nam,046080000001,1",
                "Q-2,\"tab\there\",,,,",
                "Q-4,Lê Văn Tâm,1985-01-02,F,ID 1,0.5",
                "Q-9,Không có thửa,1985,M,,");

        var summary = await new Importer(db.Database).RunAsync(files.Directory, "test", null, CancellationToken.None);

        Assert.Contains(summary.Phases, p => p.Name == FromFiles);
        var recorded = new Dictionary<string, string>();
        await using (var cmd = db.Superuser.CreateCommand("SELECT parcel_id, payload FROM audit_events"))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
                recorded[r.GetString(0)] = JsonDocument.Parse(r.GetString(1)).RootElement.GetProperty("state").GetString()!;
        var tables = new Dictionary<string, string>();
        await using (var cmd = db.Superuser.CreateCommand($"SELECT parcel_id, state FROM ({ParcelState.AllSql}) s"))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
                tables[r.GetString(0)] = r.GetString(1);
        Assert.Equal(6, tables.Count);
        Assert.Equal(tables.OrderBy(t => t.Key), recorded.OrderBy(t => t.Key));
        var result = await AuditVerifier.VerifyAsync(db.Database.DataSource, new VerifyOptions(), CancellationToken.None);
        Assert.True(result.Intact, string.Join("; ", result.Breaks));
        Assert.Equal((6L, 6L), (result.Events, result.FieldsCompared));
    }

    [Fact]
    public async Task Owners_of_a_parcel_scattered_over_the_file_leave_the_states_to_the_tables()
    {
        using var files = new ImportFixtureFiles()
            .Parcels(Parcel("S-1"), Parcel("S-2"))
            .Owners("S-1,Võ Văn Hải,1990,M,046090000001,0.5", "S-2,Đỗ Thị Lan,1991,F,046191000002,", "S-1,Võ Thị Hoa,1992,F,046192000003,0.5");

        var summary = await new Importer(db.Database).RunAsync(files.Directory, "test", null, CancellationToken.None);

        Assert.Contains(summary.Phases, p => p.Name == "hash chains: imported entries, new chains");
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM owners WHERE parcel_id = 'S-1'"));
        var result = await AuditVerifier.VerifyAsync(db.Database.DataSource, new VerifyOptions(), CancellationToken.None);
        Assert.True(result.Intact, string.Join("; ", result.Breaks));
        Assert.Equal((2L, 2L), (result.Events, result.FieldsCompared));
    }
}
