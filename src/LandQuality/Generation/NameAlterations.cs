using System.Globalization;
using System.Text;

namespace LandQuality.Generation;

/// <summary>How the land record's copy of a name is spoiled for the name defects.</summary>
internal static class NameAlterations
{
    // Old-style (tone on the first vowel) and new-style placement of open "oa", "oe", "uy" syllables:
    // both spellings of Hòa/Hoà, Thủy/Thuỷ, Khỏe/Khoẻ are correct Vietnamese and the same name.
    static readonly (string OldStyle, string NewStyle)[] TonePlacements =
    [
        ("òa", "oà"), ("óa", "oá"), ("ỏa", "oả"), ("õa", "oã"), ("ọa", "oạ"),
        ("òe", "oè"), ("óe", "oé"), ("ỏe", "oẻ"), ("õe", "oẽ"), ("ọe", "oẹ"),
        ("ùy", "uỳ"), ("úy", "uý"), ("ủy", "uỷ"), ("ũy", "uỹ"), ("ụy", "uỵ"),
    ];

    /// <summary>The same name written differently (harmless): other tone placement, NFD, upper case or a doubled space.</summary>
    public static string Variant(string name, ref SplitMix64 rng)
    {
        // Prefer the tone-mark spelling: it is the variant that looks most like a real difference.
        if (TryMoveToneMark(name) is { } moved && rng.Chance(0.6))
            return moved;
        var start = rng.Next(3);
        for (var i = 0; i < 3; i++)
        {
            var candidate = ((start + i) % 3) switch
            {
                0 => name.Normalize(NormalizationForm.FormD),
                1 => name.ToUpperInvariant(),
                _ => DoubleFirstSpace(name),
            };
            if (!string.Equals(candidate, name, StringComparison.Ordinal))
                return candidate;
        }
        return name + " ";
    }

    /// <summary>Switches one open syllable between old- and new-style tone placement, or null when none has one.</summary>
    public static string? TryMoveToneMark(string name)
    {
        foreach (var (oldStyle, newStyle) in TonePlacements)
        {
            if (ReplaceAtSyllableEnd(name, oldStyle, newStyle) is { } a)
                return a;
            if (ReplaceAtSyllableEnd(name, newStyle, oldStyle) is { } b)
                return b;
        }
        return null;
    }

    static string? ReplaceAtSyllableEnd(string name, string from, string to)
    {
        var at = name.IndexOf(from, StringComparison.Ordinal);
        while (at >= 0)
        {
            var end = at + from.Length;
            if (end == name.Length || name[end] == ' ')
                return string.Concat(name.AsSpan(0, at), to, name.AsSpan(end));
            at = name.IndexOf(from, end, StringComparison.Ordinal);
        }
        return null;
    }

    static string DoubleFirstSpace(string name)
    {
        var space = name.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? name + " " : name.Insert(space, " ");
    }

    /// <summary>"Nguyễn Văn An" → "Nguyen Van An", as typed on keyboards without Vietnamese input.</summary>
    public static string StripDiacritics(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            builder.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
        }
        return builder.ToString();
    }

    /// <summary>A genuinely different name: another given name, and sometimes another surname too.</summary>
    public static NameParts Different(NameParts name, bool female, ref SplitMix64 rng)
    {
        var names = VietnameseNameGenerator.Instance;
        var group = VietnameseNameGenerator.Group(female);
        var given = (short)names.Givens.PickOther(ref rng, group, name.Given);
        var surname = rng.Chance(0.3) ? (short)names.Surnames.PickOther(ref rng, group, name.Surname) : name.Surname;
        return name with { Surname = surname, Given = given };
    }
}
