using LandQuality.People;

namespace LandQuality.Rules.Helpers;

/// <summary>
/// Personal ID numbers (<see cref="PersonalIdNumber"/>) for rule expressions. The consistency checks
/// are true unless there is a real contradiction: a missing, legacy or malformed number, or a
/// missing gender or birth year, is another rule's finding and never fails these.
/// </summary>
public static class IdNumbers
{
    /// <summary>"cccd", "cmnd", "malformed", or "missing" for null or blank.</summary>
    public static string Kind(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
            return "missing";
        return PersonalIdNumber.Parse(id).Kind switch
        {
            IdNumberKind.Cccd => "cccd",
            IdNumberKind.LegacyCmnd => "cmnd",
            _ => "malformed",
        };
    }

    /// <summary>A 12-digit citizen ID card number (surrounding spaces are tolerated).</summary>
    public static bool IsCccd(string? id) => PersonalIdNumber.Parse(id).IsCccd;

    /// <summary>A 9-digit legacy identity card number.</summary>
    public static bool IsLegacyCmnd(string? id) => PersonalIdNumber.Parse(id).IsLegacyCmnd;

    /// <summary>Present but neither a CCCD nor a CMND; a missing number is not malformed.</summary>
    public static bool IsMalformed(string? id) => Kind(id) == "malformed";

    /// <summary>
    /// A CCCD whose first three digits are on the official province list. False for anything that
    /// is not a CCCD, so a rule for unknown codes reads <c>IsCccd(id) &amp;&amp; !HasKnownProvinceCode(id)</c>.
    /// </summary>
    public static bool HasKnownProvinceCode(string? id) => PersonalIdNumber.Parse(id).HasKnownProvinceCode;

    /// <summary>
    /// False only when the id is a CCCD and the gender is known and differs from the one it encodes.
    /// Gender may be written M/F, Nam/Nữ or male/female, in any case; anything else counts as unknown.
    /// </summary>
    public static bool GenderMatches(string? id, string? gender)
    {
        var number = PersonalIdNumber.Parse(id);
        return !number.IsCccd || ParseGender(gender) is not { } g || g == number.Gender;
    }

    /// <summary>False only when the id is a CCCD and the birth year is known and differs from the one it encodes.</summary>
    public static bool BirthYearMatches(string? id, int? birthYear)
    {
        var number = PersonalIdNumber.Parse(id);
        return !number.IsCccd || birthYear is null || birthYear == number.BirthYear;
    }

    static string? ParseGender(string? gender) => PlainGender(gender) ?? VietnameseText.Key(gender) switch
    {
        "m" or "nam" or "male" => "M",
        "f" or "nu" or "female" => "F",
        _ => null,
    };

    /// <summary>
    /// The usual spellings without building the accent-free key: for ASCII letters alone the key is
    /// the text in lower case, so comparing ignoring case decides the same. Null for anything else.
    /// </summary>
    static string? PlainGender(string? gender)
    {
        if (gender is not { Length: > 0 and <= 6 })
            return null;
        foreach (var c in gender)
            if (!char.IsAsciiLetter(c))
                return null;
        if (gender.Equals("m", StringComparison.OrdinalIgnoreCase) || gender.Equals("nam", StringComparison.OrdinalIgnoreCase)
            || gender.Equals("male", StringComparison.OrdinalIgnoreCase))
            return "M";
        if (gender.Equals("f", StringComparison.OrdinalIgnoreCase) || gender.Equals("nu", StringComparison.OrdinalIgnoreCase)
            || gender.Equals("female", StringComparison.OrdinalIgnoreCase))
            return "F";
        return null;
    }
}
