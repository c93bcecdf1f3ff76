using System.Globalization;

namespace LandQuality;

/// <summary>The campaign's clock: Vietnam's days and times (UTC+7 all year, no daylight saving), for what people read and count by day.</summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The day it is in Vietnam at <paramref name="now"/>.</summary>
    public static DateOnly Day(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(Offset).DateTime);

    /// <summary>The instant a Vietnamese day begins.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>An instant as people read it in Vietnam, e.g. <c>dd/MM/yyyy HH:mm</c>.</summary>
    public static string Format(DateTimeOffset at, string format) => at.ToOffset(Offset).ToString(format, CultureInfo.InvariantCulture);
}
