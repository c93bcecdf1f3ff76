using System.Globalization;
using LandQuality.People;
using LandQuality.Reference;

namespace LandQuality.Generation;

/// <summary>
/// Issues each person a unique ID number: a CCCD (PPP G YY NNNNNN) mostly registered in Thừa Thiên
/// Huế (046), or for some older people a 9-digit CMND. Numbers are kept as longs; uniqueness is
/// checked against every number issued so far, so a seed always yields the same numbers.
/// </summary>
internal sealed class IdNumberFactory
{
    const string HueCccdCode = "046";
    // Neighbouring provinces and the big cities send most of the people who move to Huế.
    static readonly (string Code, int Weight)[] MovedFrom =
        [("045", 20), ("044", 12), ("048", 15), ("049", 12), ("040", 8), ("042", 6), ("051", 5), ("001", 8), ("079", 8), ("052", 4)];

    readonly HashSet<long> _issued = [];
    readonly string[] _otherKnown;
    readonly string[] _unknown;
    readonly int[] _movedFromCumulative = SplitMix64.Cumulative(Array.ConvertAll(MovedFrom, m => m.Weight));

    public IdNumberFactory()
    {
        var known = ReferenceData.Current.CccdProvinceCodes;
        var others = new List<string>();
        var unknown = new List<string>();
        for (var code = 1; code < 100; code++)
        {
            var text = code.ToString("D3", CultureInfo.InvariantCulture);
            if (!known.ContainsKey(text))
                unknown.Add(text);
            else if (text != HueCccdCode)
                others.Add(text);
        }
        _otherKnown = [.. others];
        _unknown = [.. unknown];
    }

    /// <summary>A CCCD for the person; the traits decide which part, if any, is deliberately inconsistent.</summary>
    public long NewCccd(ref SplitMix64 rng, string homeCode, bool female, int birthYear, PersonTraits traits)
    {
        var province = (traits & PersonTraits.UnknownIdProvince) != 0 ? _unknown[rng.Next(_unknown.Length)] : DrawProvince(ref rng, homeCode);
        var gender = female ^ ((traits & PersonTraits.IdGenderMismatch) != 0) ? "F" : "M";
        var year = birthYear;
        if ((traits & PersonTraits.IdBirthYearMismatch) != 0)
            year += (rng.Chance(0.5) ? 1 : -1) * rng.Between(1, 12);
        while (true)
        {
            var text = PersonalIdNumber.Compose(province, gender, year, rng.Next(1_000_000));
            var value = long.Parse(text, CultureInfo.InvariantCulture);
            if (_issued.Add(value))
                return value;
        }
    }

    /// <summary>A legacy CMND as issued in Thừa Thiên Huế (numbers starting 191–192).</summary>
    public long NewCmnd(ref SplitMix64 rng)
    {
        while (true)
        {
            var value = 191_000_000L + rng.Next(2_000_000);
            // 9-digit values cannot collide with 12-digit CCCDs from 001 on, but keep the space explicit.
            if (_issued.Add(-value))
                return value;
        }
    }

    /// <summary>Mostly the commune's own province; the others as they move to Huế (the same draws elsewhere keep Huế's data unchanged).</summary>
    string DrawProvince(ref SplitMix64 rng, string homeCode)
    {
        if (rng.Chance(0.86))
            return homeCode;
        return rng.Chance(0.8) ? MovedFrom[rng.Pick(_movedFromCumulative)].Code : _otherKnown[rng.Next(_otherKnown.Length)];
    }
}
