using System.Globalization;

namespace LandQuality.Web;

/// <summary>
/// Times and dates as officials read them: in Vietnam's time (UTC+7, whatever the server's zone) and day first,
/// dd/MM/yyyy, whatever the language of the page.
/// </summary>
public static class Display
{
    static readonly TimeZoneInfo Vietnam = FindVietnam();

    public static string Time(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Vietnam).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? at) => at is { } t ? Time(t) : "—";

    public static string Day(DateTimeOffset? at) =>
        at is { } t ? TimeZoneInfo.ConvertTime(t, Vietnam).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "—";

    public static string Day(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>A date the services give as yyyy-MM-dd, day first; anything else as it is.</summary>
    public static string Day(string? iso) =>
        iso is null ? "—"
        : DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Day(d)
        : iso;

    static TimeZoneInfo FindVietnam()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("ICT", TimeSpan.FromHours(7), "Indochina Time", "Indochina Time");
        }
    }
}
