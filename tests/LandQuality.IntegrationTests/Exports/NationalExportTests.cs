using System.Security.Cryptography;
using LandQuality.Exports;
using LandQuality.Imports;
using LandQuality.IntegrationTests.Imports;
using LandQuality.IntegrationTests.Review;
using LandQuality.Interchange;
using LandQuality.Review.Cases;

namespace LandQuality.IntegrationTests.Exports;

/// <summary>
/// <c>lq export</c>: the parcels cleaned since a day, in files that agree with their manifest and import back into an
/// empty database unchanged. Three parcels of one commune miss their certificate serial; two are corrected and verified
/// through the review workflow, one is left alone.
/// </summary>
public sealed class NationalExportTests : IAsyncLifetime
{
    const string Commune = "19753";
    const string Rich = $"C{Commune}-1", Plain = $"C{Commune}-2", Untouched = $"C{Commune}-3";
    readonly TestDatabase db = new();
    readonly string _folder = Path.Combine(Path.GetTempPath(), $"lq-export-{Guid.NewGuid():N}");
    static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).DateTime);

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        var scenario = new ReviewScenario(db);
        await scenario.SeedReviewersAsync();
        await scenario.AddSerialDefectsAsync(Commune, 3);
        // What a CSV writer can get wrong: a comma and quotes, accents, a purpose without an area, a birth year only,
        // geometry, the optional columns, and a certificate with only its book number.
        using (var files = new ImportFixtureFiles()
            .Write(InterchangeFiles.Parcels, [.. InterchangeFiles.ParcelColumns, .. InterchangeFiles.OptionalParcelColumns],
                [$"{Rich},{Commune},8,1,\"Kiệt 4, \"\"Nhà Vườn\"\", Phú Xuân\",300.5,300.5,ONT:200.5;CLN,,CH00001,2011-01-02,\"POLYGON((0 0, 10 0, 10 10, 0 0))\",2024-01-02,Lâu dài,Nhà nước giao đất"])
            .Owners($"{Rich},Lê Văn Cường,1975-05-06,M,046075530001,0.5", $"{Rich},Trần Thị Bình,1982,F,,0.5"))
            await new Importer(db.Database).RunAsync(files.Directory, "test", null, CancellationToken.None);
        foreach (var parcel in new[] { Rich, Plain })
        {
            await scenario.ActAsync($"xa.{Commune}.1", parcel, "submit_corrections", null, new FieldChange("certificate_serial", "CS 77777" + parcel[^1]));
            await scenario.ActAsync("so.1", parcel, "approve");
        }
        Assert.Equal(2, await db.ScalarAsync($"SELECT count(*) FROM corrections WHERE status = 'Applied' AND parcel_id IN ('{Rich}', '{Plain}')"));
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_parcels_corrected_since_the_day_are_exported_with_a_manifest_that_matches_the_files()
    {
        var manifest = await new NationalExport(db.Database).WriteAsync(Today, _folder, CancellationToken.None);

        Assert.Equal(2, manifest.Parcels);
        var parcels = await File.ReadAllLinesAsync(Path.Combine(_folder, InterchangeFiles.Parcels));
        Assert.Equal(string.Join(',', [.. InterchangeFiles.ParcelColumns, .. InterchangeFiles.OptionalParcelColumns]), parcels[0]);
        Assert.Equal(
            $"{Rich},{Commune},8,1,\"Kiệt 4, \"\"Nhà Vườn\"\", Phú Xuân\",300.5,300.5,ONT:200.5;CLN,CS 777771,CH00001,2011-01-02,\"POLYGON((0 0, 10 0, 10 10, 0 0))\",2024-01-02,Lâu dài,Nhà nước giao đất",
            parcels[1]);
        Assert.StartsWith($"{Plain},{Commune},8,2,", parcels[2], StringComparison.Ordinal);
        Assert.Equal(3, parcels.Length);
        Assert.DoesNotContain(parcels, l => l.StartsWith(Untouched, StringComparison.Ordinal));
        var owners = await File.ReadAllLinesAsync(Path.Combine(_folder, InterchangeFiles.Owners));
        Assert.Equal([$"{Rich},Lê Văn Cường,1975-05-06,M,046075530001,0.5", $"{Rich},Trần Thị Bình,1982,F,,0.5"], owners[1..3]);
        Assert.Equal(4, owners.Length);

        Assert.Equal([InterchangeFiles.Parcels, InterchangeFiles.Owners, NationalExport.AuditHeads], manifest.Files.Select(f => f.Name));
        foreach (var file in manifest.Files)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(_folder, file.Name));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256);
            Assert.Equal(file.Rows + 1, (await File.ReadAllLinesAsync(Path.Combine(_folder, file.Name))).Length);
        }
        Assert.Equal(await db.ScalarAsync("SELECT version FROM rule_set_versions WHERE rule_set = 'default' AND status = 'Published'"), (long?)manifest.RuleSet.Version);
        Assert.Equal(await db.ScalarAsync("SELECT max(id) FROM audit_events"), manifest.Audit.LastEntryId);
        Assert.Equal(manifest, ExportManifest.Read(Path.Combine(_folder, ExportManifest.FileName)) with { Files = manifest.Files });
        var heads = await File.ReadAllLinesAsync(Path.Combine(_folder, NationalExport.AuditHeads));
        Assert.Equal($"{Rich},{await db.ScalarAsync($"SELECT seq FROM audit_heads WHERE parcel_id = '{Rich}'")},{await db.ScalarTextAsync($"SELECT hash FROM audit_heads WHERE parcel_id = '{Rich}'")}",
            heads[1]);
    }

    [Fact]
    public async Task Nothing_changed_since_tomorrow_gives_files_with_headers_only()
    {
        var manifest = await new NationalExport(db.Database).WriteAsync(Today.AddDays(1), _folder, CancellationToken.None);

        Assert.Equal(0, manifest.Parcels);
        Assert.All(manifest.Files, f => Assert.Equal(0, f.Rows));
        Assert.Single(await File.ReadAllLinesAsync(Path.Combine(_folder, InterchangeFiles.Parcels)));
    }

    [Fact]
    public async Task A_folder_that_holds_an_earlier_export_is_refused_and_left_as_it_was()
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, ExportManifest.FileName), "earlier");

        var refused = await Assert.ThrowsAsync<ExportRefusedException>(() => new NationalExport(db.Database).WriteAsync(Today, _folder, CancellationToken.None));

        Assert.Contains("không trống", refused.Message, StringComparison.Ordinal);
        Assert.Equal("earlier", await File.ReadAllTextAsync(Path.Combine(_folder, ExportManifest.FileName)));
        Assert.Single(Directory.EnumerateFileSystemEntries(_folder));
        Assert.Empty(Directory.EnumerateDirectories(Path.GetTempPath(), $".{Path.GetFileName(_folder)}.partial-*"));
    }

    [Fact]
    public async Task An_export_imports_into_an_empty_database_unchanged()
    {
        await new NationalExport(db.Database).WriteAsync(Today, _folder, CancellationToken.None);
        await using var empty = new TestDatabase();
        await empty.InitializeAsync();

        var summary = await new Importer(empty.Database).RunAsync(_folder, "test", null, CancellationToken.None);

        Assert.Equal(0, summary.RowsRejected);
        Assert.Equal(await CanonicalAsync(db, [Rich, Plain]), await CanonicalAsync(empty, [Rich, Plain]));
        Assert.Equal(2, await empty.ScalarAsync("SELECT count(*) FROM parcels"));
    }

    /// <summary>Everything the interchange files carry about the parcels, as one text per parcel, for comparison.</summary>
    static async Task<string?> CanonicalAsync(TestDatabase database, string[] ids) => await database.ScalarTextAsync($"""
        SELECT string_agg(row_text, E'\n' ORDER BY parcel_id) FROM (
            SELECT p.parcel_id, concat_ws('|', p.parcel_id, p.commune_code, p.map_sheet, p.parcel_no, p.address, p.area_m2, p.legal_area_m2,
                   p.land_use_term, p.land_use_origin, p.geometry_wkt, p.updated_on, c.serial, c.book_no, c.issued_on,
                   (SELECT string_agg(concat_ws(':', u.seq, u.code, u.area_m2), ';' ORDER BY u.seq) FROM parcel_purposes u WHERE u.parcel_id = p.parcel_id),
                   (SELECT string_agg(concat_ws(':', o.seq, o.full_name, o.birth_date, o.birth_year, o.gender, o.id_number, o.share), ';' ORDER BY o.seq)
                    FROM owners o WHERE o.parcel_id = p.parcel_id)) AS row_text
            FROM parcels p LEFT JOIN certificates c USING (parcel_id)
            WHERE p.parcel_id IN ('{string.Join("', '", ids)}')) t
        """);
}
