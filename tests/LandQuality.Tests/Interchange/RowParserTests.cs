using LandQuality.Interchange;

namespace LandQuality.Tests.Interchange;

public sealed class RowParserTests
{
    static CsvRecord Record(string line) => new(7, 7, line.Split(','), line);

    static readonly CsvHeader ParcelHeader = CsvHeader.Parse(InterchangeFiles.ParcelColumns, InterchangeFiles.ParcelColumns, "parcels.csv");
    static readonly CsvHeader OwnerHeader = CsvHeader.Parse(InterchangeFiles.OwnerColumns, InterchangeFiles.OwnerColumns, "owners.csv");

    [Theory]
    [InlineData("ODT:120;CLN:85.5", "ODT=120 CLN=85.5")]
    [InlineData(" odt : 120 ; ", "ODT=120")]
    [InlineData("LUA", "LUA=")]
    [InlineData("", "")]
    public void Land_use_lists_parse_into_codes_and_areas(string field, string expected)
    {
        Assert.True(ParcelRowParser.TryLandUse(field, out var purposes, out _));
        Assert.Equal(expected, string.Join(' ', purposes.Select(p => $"{p.Code}={p.AreaM2?.ToString(System.Globalization.CultureInfo.InvariantCulture)}")));
    }

    [Theory]
    [InlineData("ODT:12,5")]
    [InlineData("ODT:-3")]
    [InlineData("O-T:3")]
    [InlineData(":40")]
    public void Malformed_land_use_is_refused_with_a_reason(string field)
    {
        Assert.False(ParcelRowParser.TryLandUse(field, out _, out var reason));
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void A_good_parcel_row_keeps_missing_values_as_null()
    {
        var row = new ParcelRowParser(ParcelHeader).Parse(Record("P-1,19753,,7,,100.5,,ODT:100.5,,,,,"), out var error);

        Assert.Null(error);
        Assert.NotNull(row);
        Assert.Equal((null, 7, 100.5m, null), (row.MapSheet, row.ParcelNo, row.AreaM2, row.CertificateSerial));
    }

    [Theory]
    [InlineData("P-1,00000,1,1,,1,1,,,,,,", "commune_code")]
    [InlineData("P-1,19753,1.5,1,,1,1,,,,,,", "map_sheet")]
    [InlineData("P-1,19753,1,1,,1,1,,,,06/05/2010,,", "certificate_issued_on")]
    [InlineData(",19753,1,1,,1,1,,,,,,", "parcel_id")]
    public void A_bad_parcel_field_names_its_column_and_line(string line, string column)
    {
        Assert.Null(new ParcelRowParser(ParcelHeader).Parse(Record(line), out var error));
        Assert.Equal((7L, column), (error!.Line, error.Column));
    }

    [Theory]
    [InlineData("P-1,Nguyễn Văn An,1980,Nam,046080000001,", "M", 1980)]
    [InlineData("P-1,Trần Thị B,1981-04-05,F,,0.25", "F", 1981)]
    public void Owner_rows_accept_a_birth_year_or_date_and_vietnamese_gender_words(string line, string gender, int year)
    {
        var row = new OwnerRowParser(OwnerHeader).Parse(Record(line), out var error);

        Assert.Null(error);
        Assert.Equal((gender, year), (row!.Gender, row.BirthYear));
    }

    [Theory]
    [InlineData("P-1,A,19800,M,,", "birth_date")]
    [InlineData("P-1,A,1980,X,,", "gender")]
    [InlineData("P-1,A,1980,M,,1.5", "share")]
    [InlineData("P-1,,1980,M,,", "full_name")]
    public void Bad_owner_fields_are_refused_by_column(string line, string column)
    {
        Assert.Null(new OwnerRowParser(OwnerHeader).Parse(Record(line), out var error));
        Assert.Equal(column, error!.Column);
    }

    [Fact]
    public void A_header_missing_a_required_column_is_refused_with_the_file_and_column_named()
    {
        var e = Assert.Throws<InterchangeFormatException>(() =>
            CsvHeader.Parse(["parcel_id", "full_name"], InterchangeFiles.OwnerColumns, "owners.csv"));
        Assert.Contains("owners.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("birth_date", e.Message, StringComparison.Ordinal);
    }
}
