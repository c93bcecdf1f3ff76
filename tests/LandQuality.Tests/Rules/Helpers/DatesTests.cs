using System.Globalization;
using LandQuality.Rules.Helpers;

namespace LandQuality.Tests.Rules.Helpers;

public class DatesTests
{
    static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("0001-06-15")]
    [InlineData("1900-01-01")]
    [InlineData("1899-12-30")]
    [InlineData("1970-01-01")]
    [InlineData("1753-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("9999-01-01")]
    [InlineData("2079-06-06")]
    public void IsPlaceholder_recognises_filler_dates(string iso) =>
        Assert.True(Dates.IsPlaceholder(D(iso)));

    [Theory]
    [InlineData("1985-01-01")]
    [InlineData("1900-01-02")]
    [InlineData("1970-01-02")]
    [InlineData("2024-02-29")]
    [InlineData("1945-09-02")]
    public void IsPlaceholder_leaves_real_dates_alone(string iso) =>
        Assert.False(Dates.IsPlaceholder(D(iso)));

    [Fact]
    public void IsPlaceholder_is_false_for_a_missing_date() => Assert.False(Dates.IsPlaceholder(null));

    [Fact]
    public void IsInFuture_is_strictly_after_today()
    {
        var today = D("2026-12-01");
        Assert.True(Dates.IsInFuture(D("2026-12-02"), today));
        Assert.False(Dates.IsInFuture(today, today));
        Assert.False(Dates.IsInFuture(D("1990-05-01"), today));
        Assert.False(Dates.IsInFuture(null, today));
    }

    [Theory]
    [InlineData(null, 1985, "1985-03-04", true)]
    [InlineData(null, 1986, "1985-03-04", false)]
    [InlineData("1985-03-04", 1985, "1985-03-04", true)]
    [InlineData("1985-03-04", null, "1985-03-04", true)]
    [InlineData("1985-03-05", 1985, "1985-03-04", false)]
    [InlineData("1985-03-04", 1986, "1985-03-04", false)]
    [InlineData(null, null, "1985-03-04", true)]
    [InlineData("1985-03-04", 1985, null, true)]
    [InlineData(null, 1985, null, true)]
    [InlineData("1900-01-01", 1900, "1985-03-04", true)]
    [InlineData("1900-01-01", 1986, "1985-03-04", false)]
    [InlineData("1985-03-04", 1985, "1900-01-01", true)]
    public void BirthConsistent_compares_what_both_sides_know(string? landDate, int? landYear, string? registryDate, bool expected) =>
        Assert.Equal(expected, Dates.BirthConsistent(
            landDate is null ? null : D(landDate), landYear, registryDate is null ? null : D(registryDate)));
}
