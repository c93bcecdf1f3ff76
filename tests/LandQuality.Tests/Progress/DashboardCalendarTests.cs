using LandQuality.Progress;

namespace LandQuality.Tests.Progress;

/// <summary>"This week" and "today" are Vietnam's (UTC+7), whatever the server's zone.</summary>
public sealed class DashboardCalendarTests
{
    [Theory]
    [InlineData("2026-12-06T20:00:00Z", "2026-12-07T00:00:00+07:00")] // Monday 03:00 in Huế, still Sunday in UTC
    [InlineData("2026-12-06T16:59:59Z", "2026-11-30T00:00:00+07:00")] // Sunday 23:59:59 in Huế
    [InlineData("2026-12-10T09:00:00Z", "2026-12-07T00:00:00+07:00")]
    public void The_week_starts_on_monday_at_midnight_in_vietnam(string now, string weekStart) =>
        Assert.Equal(DateTimeOffset.Parse(weekStart, System.Globalization.CultureInfo.InvariantCulture),
            DashboardQuery.WeekStart(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_snapshot_is_keyed_by_vietnams_date() =>
        Assert.Equal(new DateOnly(2026, 12, 7), VietnamTime.Day(new DateTimeOffset(2026, 12, 6, 18, 30, 0, TimeSpan.Zero)));
}
