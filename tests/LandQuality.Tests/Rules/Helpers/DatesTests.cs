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

    [Theory]
    [InlineData("2015-12-01", false)] // exactly ten years
    [InlineData("2015-11-30", true)] // ten years and a day
    [InlineData("2014-12-01", true)] // eleven years
    [InlineData("2015-12-02", false)]
    [InlineData("2025-12-01", false)]
    [InlineData("2026-03-01", false)] // in the future: future_date's matter
    public void IsStale_is_more_than_the_given_years_before_today(string updated, bool expected) =>
        Assert.Equal(expected, Dates.IsStale(D(updated), D("2025-12-01"), 10));

    [Fact]
    public void IsStale_counts_years_from_a_leap_day_to_the_28th_of_February()
    {
        Assert.False(Dates.IsStale(D("2018-02-28"), D("2028-02-29"), 10));
        Assert.True(Dates.IsStale(D("2018-02-27"), D("2028-02-29"), 10));
        Assert.False(Dates.IsStale(D("2020-02-29"), D("2030-02-28"), 10));
        Assert.True(Dates.IsStale(D("2020-02-28"), D("2030-03-01"), 10));
    }

    [Fact]
    public void IsStale_leaves_missing_and_placeholder_dates_to_their_own_rules()
    {
        Assert.False(Dates.IsStale(null, D("2025-12-01"), 10));
        Assert.False(Dates.IsStale(D("1900-01-01"), D("2025-12-01"), 10));
        Assert.False(Dates.IsStale(D("1970-01-01"), D("2025-12-01"), 10));
        Assert.True(Dates.IsStale(D("1971-01-01"), D("2025-12-01"), 10));
    }

    [Fact]
    public void IsStale_with_zero_years_is_anything_before_today_and_a_limit_past_year_one_is_nothing()
    {
        Assert.True(Dates.IsStale(D("2025-11-30"), D("2025-12-01"), 0));
        Assert.False(Dates.IsStale(D("2025-12-01"), D("2025-12-01"), 0));
        Assert.False(Dates.IsStale(D("0002-01-01"), D("2025-12-01"), 2025));
        Assert.False(Dates.IsStale(D("0002-01-01"), D("2025-12-01"), int.MaxValue));
    }

    [Fact]
    public void IsStale_refuses_a_negative_limit() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Dates.IsStale(D("2020-01-01"), D("2025-12-01"), -1));

    [Theory]
    [InlineData(null, 1920, false)] // 105 in 2025
    [InlineData(null, 1919, true)] // 106
    [InlineData(null, 1921, false)]
    [InlineData("1919-12-31", 1919, true)] // the year counts, not the birthday
    [InlineData("1920-01-01", 1920, false)]
    [InlineData("1919-06-15", null, true)] // the date's year when the year is not given
    [InlineData(null, null, false)]
    [InlineData("1900-01-01", 1900, false)] // a placeholder is placeholder_date's matter
    [InlineData("1900-01-01", null, false)]
    [InlineData("1900-01-01", 1910, true)] // a year beside a placeholder date is still a year
    [InlineData(null, 1900, true)] // a bare year is a year
    [InlineData(null, 2030, false)]
    public void AgeExceeds_counts_from_the_birth_year(string? birthDate, int? birthYear, bool expected) =>
        Assert.Equal(expected, Dates.AgeExceeds(birthDate is null ? null : D(birthDate), birthYear, D("2025-12-01"), 105));

    [Fact]
    public void AgeExceeds_takes_any_limit()
    {
        Assert.True(Dates.AgeExceeds(null, 1900, D("2025-12-01"), -1));
        Assert.False(Dates.AgeExceeds(null, 1, D("2025-12-01"), int.MaxValue));
        Assert.True(Dates.AgeExceeds(null, int.MinValue, D("2025-12-01"), int.MaxValue));
    }
}
