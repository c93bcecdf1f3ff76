namespace LandQuality.Rules.Helpers;

/// <summary>Dates for rule expressions: placeholder (junk) values, birth-date consistency, record and owner age.</summary>
public static class Dates
{
    // Values that systems write when the real date is unknown: epochs (Unix, Excel/OLE, SQL Server
    // datetime and smalldatetime, Windows FILETIME) and typed fillers. Type minimums and maximums
    // fall in year 1 or 9999, which count whole (the bounds below).
    static readonly int[] PlaceholderDays = new DateOnly[]
    {
        new(1601, 1, 1),
        new(1753, 1, 1),
        new(1899, 12, 30),
        new(1899, 12, 31),
        new(1900, 1, 1),
        new(1970, 1, 1),
        new(1111, 11, 11),
        new(2079, 6, 6),
        new(2999, 12, 31),
    }.Select(d => d.DayNumber).ToArray();

    // Year 1 and year 9999 as day-number bounds: a comparison, not a calendar computation per date.
    static readonly int FirstDayOfYear2 = new DateOnly(2, 1, 1).DayNumber;
    static readonly int FirstDayOfYear9999 = new DateOnly(9999, 1, 1).DayNumber;

    /// <summary>
    /// A date that stands for "unknown" rather than a real day. Any date in year 1 or 9999 counts.
    /// 1 January of an ordinary year does not: Vietnamese registries use it for people whose birth
    /// day is unknown, and those are real birth years. Null is false (missing is another finding).
    /// </summary>
    public static bool IsPlaceholder(DateOnly? date) =>
        date is { DayNumber: var day } && (day < FirstDayOfYear2 || day >= FirstDayOfYear9999 || PlaceholderDays.AsSpan().Contains(day));

    /// <summary>Strictly after <paramref name="today"/>; null is false.</summary>
    public static bool IsInFuture(DateOnly? date, DateOnly today) => date is { } d && d > today;

    /// <summary>
    /// The record was last updated strictly more than <paramref name="years"/> calendar years before
    /// <paramref name="today"/>: exactly <paramref name="years"/> years ago (same day and month) is
    /// not stale yet, a day earlier is; from 29 February the years count to 28 February. A missing
    /// date is false (missing_updated_on reports it), and so is a placeholder (placeholder_date).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="years"/> is negative: a policy error that must not pass silently.</exception>
    public static bool IsStale(DateOnly? updatedOn, DateOnly today, int years)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(years);
        if (updatedOn is not { } updated || IsPlaceholder(updated))
            return false;
        // Nothing lies before year 1, so a limit that reaches past it makes nothing stale.
        return today.Year - years >= 1 && updated < today.AddYears(-years);
    }

    /// <summary>
    /// The owner reaches an age above <paramref name="maxAge"/> in <paramref name="today"/>'s year:
    /// age counted from the birth year alone (today's year minus the birth year), since older records
    /// hold only the year. The year is <paramref name="birthYear"/>, or the date's when only the date is
    /// known. Unknown birth is false (missing_birth_info), and a placeholder date counts as unknown
    /// together with a year taken from it (placeholder_date reports it), as in <see cref="BirthConsistent"/>.
    /// </summary>
    public static bool AgeExceeds(DateOnly? birthDate, int? birthYear, DateOnly today, int maxAge)
    {
        if (birthDate is { } date && IsPlaceholder(date))
        {
            birthDate = null;
            if (birthYear == date.Year)
                birthYear = null;
        }
        return (birthYear ?? birthDate?.Year) is { } year && (long)today.Year - year > maxAge;
    }

    /// <summary>
    /// Whether the land record's birth data agrees with the registry's birth date: a full date must be
    /// equal, a birth year must be the date's year. Unknown sides agree, and a placeholder date on
    /// either side counts as unknown (in the land data with the year taken from it), since
    /// <see cref="IsPlaceholder"/> already reports it.
    /// </summary>
    public static bool BirthConsistent(DateOnly? landBirthDate, int? landBirthYear, DateOnly? registryBirthDate)
    {
        if (registryBirthDate is not { } registry || IsPlaceholder(registry))
            return true;
        if (landBirthDate is { } placeholder && IsPlaceholder(placeholder))
        {
            landBirthDate = null;
            if (landBirthYear == placeholder.Year)
                landBirthYear = null;
        }
        return (landBirthDate is null || landBirthDate == registry)
            && (landBirthYear is null || landBirthYear == registry.Year);
    }
}
