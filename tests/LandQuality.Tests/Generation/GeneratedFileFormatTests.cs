using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LandQuality.Generation;
using LandQuality.Interchange;

namespace LandQuality.Tests.Generation;

public sealed class GeneratedFileFormatTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    [Fact]
    public void Headers_are_exactly_the_interchange_columns()
    {
        Assert.Equal(InterchangeFiles.ParcelColumns, data.ParcelHeader);
        Assert.Equal(string.Join(',', InterchangeFiles.OwnerColumns), FirstLine(InterchangeFiles.Owners));
        Assert.Equal(string.Join(',', InterchangeFiles.PopulationColumns), FirstLine(InterchangeFiles.Population));
        Assert.Equal("parcel_id,defect", FirstLine(InterchangeFiles.Defects));
    }

    [Theory]
    [InlineData(InterchangeFiles.Parcels)]
    [InlineData(InterchangeFiles.Owners)]
    [InlineData(InterchangeFiles.Population)]
    [InlineData(InterchangeFiles.Defects)]
    public void Files_are_utf8_without_bom_with_lf_line_ends(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(data.Directory, file));
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "BOM");
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Equal((byte)'\n', bytes[^1]);
    }

    [Fact]
    public void Every_row_has_the_header_column_count()
    {
        Assert.All(data.Parcels, p => Assert.Equal(InterchangeFiles.ParcelColumns.Length, p.Length));
        Assert.All(data.Owners, o => Assert.Equal(InterchangeFiles.OwnerColumns.Length, o.Length));
        Assert.All(data.Population, p => Assert.Equal(InterchangeFiles.PopulationColumns.Length, p.Length));
        Assert.All(data.Defects, d => Assert.Equal(2, d.Length));
    }

    [Fact]
    public void Quoted_fields_round_trip_through_rfc4180()
    {
        // Re-serialising each parsed parcel row with RFC 4180 rules must give back the exact line.
        var lines = File.ReadAllText(Path.Combine(data.Directory, InterchangeFiles.Parcels)).Split('\n')[1..^1];
        Assert.Equal(data.Parcels.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
            Assert.Equal(lines[i], string.Join(',', data.Parcels[i].Select(Quote)));
        Assert.Contains(data.Parcels, p => p[GeneratedDataSet.Column("address")].Contains(',', StringComparison.Ordinal));
        Assert.Contains(data.Parcels, p => p[GeneratedDataSet.Column("geometry_wkt")].StartsWith("POLYGON ((", StringComparison.Ordinal));
    }

    [Fact]
    public void Field_writer_quotes_commas_quotes_and_line_breaks()
    {
        string[] values = ["plain", "Kiệt 12 Lê Lợi, Phường Thuận Hóa", "say \"hi\"", "two\nlines", "cr\rhere", ""];
        var writer = new CsvFieldWriter(4);
        foreach (var value in values)
        {
            writer.Field(value);
            writer.Comma();
        }
        writer.EndRow();
        var text = writer.Written.ToString();
        Assert.StartsWith("plain,\"Kiệt 12 Lê Lợi, Phường Thuận Hóa\",\"say \"\"hi\"\"\",\"two\nlines\",", text, StringComparison.Ordinal);
        Assert.Equal(values.Append("").ToArray(), CsvTestReader.Parse(text).Single());
    }

    [Theory]
    [InlineData(1234L, "123.4")]
    [InlineData(1230L, "123")]
    [InlineData(5L, "0.5")]
    public void Areas_are_written_with_invariant_decimals(long tenths, string expected)
    {
        var writer = new CsvFieldWriter();
        writer.Tenths(tenths);
        Assert.Equal(expected, writer.Written.ToString());
    }

    [Fact]
    public void Numbers_and_dates_use_the_interchange_formats()
    {
        var decimalNumber = new Regex(@"^\d+(\.\d{1,2})?$");
        var date = new Regex(@"^\d{4}-\d{2}-\d{2}$");
        foreach (var p in data.Parcels)
        {
            foreach (var column in new[] { "area_m2", "legal_area_m2" })
                Assert.True(p[GeneratedDataSet.Column(column)] is "" || decimalNumber.IsMatch(p[GeneratedDataSet.Column(column)]), p[0]);
            foreach (var column in new[] { "certificate_issued_on", "updated_on" })
                Assert.True((column == "updated_on" && p[GeneratedDataSet.Column(column)] is "")
                    || DateOnly.TryParseExact(p[GeneratedDataSet.Column(column)], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), p[0]);
            var landUse = p[GeneratedDataSet.Column("land_use")];
            if (landUse.Length > 0)
                Assert.All(landUse.Split(';'), part => Assert.Matches(@"^[A-Z]{3}:\d+(\.\d{1,2})?$", part));
        }
        Assert.All(data.Owners, o => Assert.True(o[2] is "" || o[2].Length == 4 || date.IsMatch(o[2]), o[2]));
        Assert.All(data.Owners, o => Assert.Contains(o[3], new[] { "M", "F" }));
        Assert.All(data.Owners, o => Assert.True(o[5] is "" || decimalNumber.IsMatch(o[5]), o[5]));
        Assert.All(data.Population, r => Assert.Matches(date, r[2]));
        Assert.All(data.Population, r => Assert.Contains(r[5], new[] { "alive", "deceased" }));
    }

    [Fact]
    public void Names_are_nfc_with_precomposed_letters()
    {
        Assert.All(data.Population, r => Assert.True(r[1].IsNormalized(NormalizationForm.FormC), r[1]));
        // Only the name_variant defect may write a decomposed (NFD) name.
        var decomposed = data.Owners.Where(o => !o[1].IsNormalized(NormalizationForm.FormC)).ToList();
        Assert.All(decomposed, o => Assert.True(data.HasDefect(o[0], DefectKinds.NameVariant), o[1]));
    }

    string FirstLine(string file) => File.ReadLines(Path.Combine(data.Directory, file)).First();

    static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
