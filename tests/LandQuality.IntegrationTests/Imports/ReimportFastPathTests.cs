using System.Text;
using LandQuality.Imports;
using LandQuality.Interchange;

namespace LandQuality.IntegrationTests.Imports;

/// <summary>
/// A re-import passes over unchanged lines as bytes (<see cref="UnchangedLines"/>): whatever the file's form —
/// quoted multi-line records, a byte order mark, CRLF, UTF-16, invalid UTF-8 — it must read, refuse and stage
/// exactly what the full reader does. A row "not staged" shows as a value changed behind the import's back
/// (no correction recorded) that the re-import leaves alone.
/// </summary>
public sealed class ReimportFastPathTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static readonly string Header = string.Join(',', InterchangeFiles.ParcelColumns);

    static string Parcel(string id, int parcelNo = 1, string address = "Thôn 1") =>
        $"{id},19753,9,{parcelNo},{address},300,300,ONT:300,CS 12345,CH01234,2011-01-02,,2024-01-02";

    Task<ImportSummary> Import(ImportFixtureFiles files) =>
        new Importer(db.Database).RunAsync(files.Directory, "test", null, CancellationToken.None);

    static ImportFixtureFiles WriteParcels(ImportFixtureFiles files, byte[] bytes)
    {
        File.WriteAllBytes(Path.Combine(files.Directory, InterchangeFiles.Parcels), bytes);
        return files;
    }

    /// <summary>Changes the parcels' address as nothing the import knows of would.</summary>
    Task Tweak(params string[] ids) =>
        db.ScalarAsync($"WITH u AS (UPDATE parcels SET address = 'tweaked' WHERE parcel_id IN ('{string.Join("','", ids)}') RETURNING 1) SELECT count(*) FROM u");

    Task<string?> Address(string id) => db.ScalarTextAsync($"SELECT address FROM parcels WHERE parcel_id = '{id}'");

    Task<string?> Rejects(ImportSummary s) => db.ScalarTextAsync(
        $"SELECT string_agg(line || ' ' || coalesce(column_name, '-') || ' ' || reason, '|' ORDER BY line) FROM import_rejects WHERE import_id = {s.ImportId}");

    [Fact]
    public async Task Rows_after_a_quoted_multi_line_record_keep_their_line_numbers_and_unchanged_rows_are_not_staged()
    {
        using var files = new ImportFixtureFiles().Parcels(
            Parcel("F1-1", address: "\"Thôn 1,\nXã 2\""), Parcel("F1-2", 2), "F1-3,19753,9,3,,12x,100,ODT:100,,,,,", Parcel("F1-4", 4));
        var first = await Import(files);
        await Tweak("F1-1", "F1-2", "F1-4");

        var second = await Import(files);

        Assert.Equal(await Rejects(first), await Rejects(second));
        Assert.StartsWith("5 area_m2", await Rejects(second), StringComparison.Ordinal);
        Assert.Equal(("tweaked", "tweaked", "tweaked"), (await Address("F1-1"), await Address("F1-2"), await Address("F1-4")));
    }

    [Fact]
    public async Task A_line_inside_a_quoted_field_that_equals_a_stored_row_is_read_as_part_of_its_record()
    {
        using var files = new ImportFixtureFiles().Parcels(Parcel("F2-1"), Parcel("F2-2", 2));
        await Import(files);
        await Tweak("F2-2");

        // Line 3 is F2-2's row word for word, but inside F2-1's quoted address.
        var summary = await Import(files.Parcels(Parcel("F2-1", address: $"\"Thôn 1\n{Parcel("F2-2", 2)}\nhết\"")));

        Assert.Null(await Rejects(summary));
        Assert.Equal($"Thôn 1\n{Parcel("F2-2", 2)}\nhết", await Address("F2-1"));
        Assert.Equal("tweaked", await Address("F2-2"));
    }

    [Fact]
    public async Task A_byte_order_mark_and_CRLF_line_ends_make_no_row_differ_and_a_changed_row_is_still_found()
    {
        using var files = WriteParcels(new ImportFixtureFiles(),
            Encoding.UTF8.GetBytes($"\uFEFF{Header}\r\n{Parcel("F3-1")}\r\n{Parcel("F3-2", 2)}\r\n"));
        await Import(files);
        await Tweak("F3-1");

        var summary = await Import(files.Parcels(Parcel("F3-1"), Parcel("F3-2", 2, address: "Thôn 3")));

        Assert.Equal((0L, 1L), (summary.Files.Single().Inserted, summary.Files.Single().Updated));
        Assert.Equal(("tweaked", "Thôn 3"), (await Address("F3-1"), await Address("F3-2")));
    }

    [Fact]
    public async Task Invalid_UTF_8_on_a_changed_row_is_refused_with_its_line_and_the_stored_value_stays()
    {
        using var files = new ImportFixtureFiles().Parcels(Parcel("F4-1"), Parcel("F4-2", 2), Parcel("F4-3", 3));
        await Import(files);

        var bytes = Encoding.UTF8.GetBytes($"{Header}\n{Parcel("F4-1")}\n{Parcel("F4-2", 2, "Thôn @")}\n{Parcel("F4-3", 3)}\n");
        bytes[Array.IndexOf(bytes, (byte)'@')] = 0xFF;
        var summary = await Import(WriteParcels(files, bytes));

        Assert.Equal("3 - the row is not valid UTF-8", await Rejects(summary));
        Assert.Equal("Thôn 1", await Address("F4-2"));
    }

    [Fact]
    public async Task A_UTF_16_file_is_read_as_text_and_re_imported_without_changes()
    {
        using var files = new ImportFixtureFiles();
        File.WriteAllText(Path.Combine(files.Directory, InterchangeFiles.Parcels), $"{Header}\n{Parcel("F5-1")}\n{Parcel("F5-2", 2)}\n",
            new UnicodeEncoding(bigEndian: false, byteOrderMark: true));
        await Import(files);
        await Tweak("F5-1");

        File.WriteAllText(Path.Combine(files.Directory, InterchangeFiles.Parcels), $"{Header}\n{Parcel("F5-1")}\n{Parcel("F5-2", 2, "Thôn 5")}\n",
            new UnicodeEncoding(bigEndian: false, byteOrderMark: true));
        var summary = await Import(files);

        Assert.Equal(1, summary.Files.Single().Updated);
        Assert.Equal(("tweaked", "Thôn 5"), (await Address("F5-1"), await Address("F5-2")));
    }

    [Fact]
    public async Task An_owner_row_whose_key_differs_only_by_spaces_joins_the_parcel_s_group()
    {
        using var files = new ImportFixtureFiles().Parcels(Parcel("F6-1")).Owners("F6-1,Phạm Văn An,1970,M,,");
        await Import(files);

        await Import(files.Owners("F6-1,Phạm Văn An,1970,M,,", " F6-1,Phạm Thị Bình,1972,F,,"));

        Assert.Equal("Phạm Văn An|Phạm Thị Bình",
            await db.ScalarTextAsync("SELECT string_agg(full_name, '|' ORDER BY seq) FROM owners WHERE parcel_id = 'F6-1'"));
    }

    [Fact]
    public async Task The_hashes_stored_after_a_small_change_still_vouch_for_the_unchanged_rows()
    {
        var rows = Enumerable.Range(1, 20).Select(i => Parcel($"F7-{i}", i)).ToArray();
        using var files = new ImportFixtureFiles().Parcels(rows);
        await Import(files);
        rows[4] = Parcel("F7-5", 5, "Thôn 7");
        // Only hashes change (no key added or dropped): the keys' array is kept, the hashes rewritten.
        await Import(files.Parcels(rows));
        await Tweak("F7-1", "F7-5", "F7-20");

        await Import(files);

        Assert.Equal(("tweaked", "tweaked", "tweaked"), (await Address("F7-1"), await Address("F7-5"), await Address("F7-20")));
    }

    [Fact]
    public async Task Parcels_are_vacuumed_and_analysed_only_after_a_tenth_of_their_file_changed()
    {
        const string Counts = "SELECT vacuum_count * 1000 + analyze_count FROM pg_stat_user_tables WHERE relname = 'parcels'";
        var rows = Enumerable.Range(1, 20).Select(i => Parcel($"F8-{i}", i)).ToArray();
        using var files = new ImportFixtureFiles().Parcels(rows);
        await Import(files);
        var before = await db.ScalarAsync(Counts);

        rows[0] = Parcel("F8-1", 1, "Thôn 8");
        await Import(files.Parcels(rows));
        var afterOne = await db.ScalarAsync(Counts);
        rows[1] = Parcel("F8-2", 2, "Thôn 8");
        rows[2] = Parcel("F8-3", 3, "Thôn 8");
        await Import(files.Parcels(rows));
        var afterTwo = await db.ScalarAsync(Counts);

        // One row of twenty: the next evaluation needs no vacuum of parcels (only of owners, not imported here).
        Assert.Equal((before, before + 1001), (afterOne, afterTwo));
    }
}
