using System.Collections.Frozen;
using System.Globalization;
using LandQuality.Reference;

namespace LandQuality.People;

public enum IdNumberKind { Cccd, LegacyCmnd, Malformed }

/// <summary>
/// A Vietnamese personal ID number. The 12-digit CCCD (Circular 07/2016/TT-BCA; Decree 137/2015) is
/// laid out as PPP G YY NNNNNN: birth-registration province, a digit encoding century and gender,
/// the last two digits of the birth year, and a random serial. The 9-digit CMND is the legacy card.
/// </summary>
public readonly record struct PersonalIdNumber(string Value, IdNumberKind Kind)
{
    public static PersonalIdNumber Parse(string? text)
    {
        var value = (text ?? "").Trim();
        var kind = value.Length switch
        {
            12 when AllDigits(value) => IdNumberKind.Cccd,
            9 when AllDigits(value) => IdNumberKind.LegacyCmnd,
            _ => IdNumberKind.Malformed,
        };
        return new PersonalIdNumber(value, kind);
    }

    public bool IsCccd => Kind == IdNumberKind.Cccd;

    public bool IsLegacyCmnd => Kind == IdNumberKind.LegacyCmnd;

    /// <summary>The 3-digit birth-registration province code of a CCCD.</summary>
    public string? ProvinceCode => IsCccd ? Value[..3] : null;

    /// <summary>Whether the province code is on the official list (an unknown one is suspicious, not proof of error).</summary>
    public bool HasKnownProvinceCode => IsCccd && ProvinceCodes.ContainsKey(Value.AsSpan(0, 3));

    // Looked up by span: rules ask this for every owner, and the three-digit substring would be garbage.
    static readonly FrozenDictionary<string, CccdProvinceCode>.AlternateLookup<ReadOnlySpan<char>> ProvinceCodes =
        ReferenceData.Current.CccdProvinceCodes.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>"M" or "F" from the century/gender digit (even = male, odd = female).</summary>
    public string? Gender => IsCccd ? ((Value[3] - '0') % 2 == 0 ? "M" : "F") : null;

    /// <summary>The birth century's first year (1900, 2000, …) from the century/gender digit.</summary>
    public int? CenturyStart => IsCccd ? 1900 + (Value[3] - '0') / 2 * 100 : null;

    /// <summary>The full birth year encoded by the number.</summary>
    public int? BirthYear => IsCccd ? CenturyStart + (Value[4] - '0') * 10 + (Value[5] - '0') : null; // a CCCD is all ASCII digits

    /// <summary>True when the number agrees with the given gender and birth year (unknowns are not contradictions).</summary>
    public bool IsConsistentWith(string? gender, int? birthYear) =>
        IsCccd
        && (gender is null || gender == Gender)
        && (birthYear is null || birthYear == BirthYear);

    /// <summary>Builds a CCCD from its parts; used by the generator and tests.</summary>
    public static string Compose(string provinceCode, string gender, int birthYear, int serial)
    {
        if (provinceCode.Length != 3 || !AllDigits(provinceCode))
            throw new ArgumentException($"Province code must be 3 digits, got '{provinceCode}'.", nameof(provinceCode));
        if (birthYear is < 1900 or > 2399)
            throw new ArgumentOutOfRangeException(nameof(birthYear), birthYear, "CCCD encodes birth years 1900–2399.");
        var centuryDigit = (birthYear - 1900) / 100 * 2 + (gender == "F" ? 1 : 0);
        return string.Create(CultureInfo.InvariantCulture, $"{provinceCode}{centuryDigit}{birthYear % 100:D2}{serial % 1_000_000:D6}");
    }

    public override string ToString() => Value;

    static bool AllDigits(string s)
    {
        foreach (var c in s)
            if (c is < '0' or > '9')
                return false;
        return true;
    }
}
