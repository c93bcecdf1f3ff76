namespace LandQuality.Rules.Helpers;

/// <summary>
/// Vietnamese personal names for rule expressions. Canonical form: NFC, single spaces, title case
/// per word, and the traditional tone placement on open oa/oe/uy syllables (Hòa, Khỏe, Thủy —
/// the spelling of the shipped reference data: Thanh Hóa, Khánh Hòa, thủy sản). Hoà, Khoẻ, Thuỷ
/// are equally correct Vietnamese and compare equal. No method throws; null stays null or false.
/// </summary>
public static class VietnameseName
{
    // Compound surnames of the Nguyễn royal clan, longest first so Công Tằng Tôn Nữ wins over Tôn Nữ.
    static readonly string[][] CompoundSurnames =
    [
        ["Công", "Tằng", "Tôn", "Nữ"],
        ["Công", "Huyền", "Tôn", "Nữ"],
        ["Công", "Tôn", "Nữ"],
        ["Nguyễn", "Phúc"],
        ["Nguyễn", "Phước"],
        ["Tôn", "Thất"],
        ["Tôn", "Nữ"],
    ];

    /// <summary>The canonical form of a name: "  nguyễn  văn AN " → "Nguyễn Văn An", "Hoà" → "Hòa".</summary>
    public static string? Normalize(string? name) =>
        name is not null && PlainLetters.IsCanonical(name) ? name : VietnameseText.Clean(name, canonicalTones: true);

    /// <summary>
    /// Whether the name is written as it should be stored: NFC, trimmed, single spaces, title case.
    /// The tone placement style is not judged: "Hoà" and "Hòa" are both normalised, because both are
    /// correct Vietnamese and flagging one would drown real findings. Null (a missing name, which
    /// another rule reports) counts as normalised.
    /// </summary>
    public static bool IsNormalized(string? name) =>
        name is null || (PlainLetters.IsClean(name) ?? string.Equals(name, VietnameseText.Clean(name, canonicalTones: false), StringComparison.Ordinal));

    /// <summary>
    /// The same name once Unicode form, case, spacing and tone placement are set aside; every other
    /// diacritic counts (An ≠ Ân). False when either name is missing or blank: this is a positive
    /// claim, so a mismatch rule should test for both names first.
    /// </summary>
    public static bool SamePerson(string? a, string? b)
    {
        var x = Normalize(a);
        var y = Normalize(b);
        return !string.IsNullOrEmpty(x) && string.Equals(x, y, StringComparison.Ordinal);
    }

    /// <summary>An accent-insensitive key: "Nguyễn  Văn ĐÔNG" → "nguyen van dong".</summary>
    public static string? StripAccents(string? name) => VietnameseText.Key(name);

    /// <summary>Equal ignoring all diacritics, case and spacing; false when either is missing or blank.</summary>
    public static bool SameIgnoringAccents(string? a, string? b)
    {
        var x = StripAccents(a);
        return !string.IsNullOrEmpty(x) && string.Equals(x, StripAccents(b), StringComparison.Ordinal);
    }

    /// <summary>
    /// True when the land record's name is the registry's name with diacritics dropped — all of
    /// them ("Nguyen Van An") or some ("Nguyễn Van An") — and none added or changed: a clean-up
    /// finding, not a different person. False for the same name, a different name, or a missing side.
    /// </summary>
    public static bool LacksDiacriticsOf(string? landName, string? registryName)
    {
        var land = Normalize(landName);
        var registry = Normalize(registryName);
        if (string.IsNullOrEmpty(land) || string.IsNullOrEmpty(registry))
            return false;
        var landLetters = VietnameseText.Letters(land);
        var registryLetters = VietnameseText.Letters(registry);
        if (landLetters.Count != registryLetters.Count)
            return false;
        var fewer = false;
        for (var i = 0; i < landLetters.Count; i++)
        {
            if (VietnameseText.PlainBase(landLetters[i].Base) != VietnameseText.PlainBase(registryLetters[i].Base))
                return false;
            var landMarks = VietnameseText.MarksOf(landLetters[i]);
            var registryMarks = VietnameseText.MarksOf(registryLetters[i]);
            foreach (var mark in landMarks)
                if (!registryMarks.Contains(mark, StringComparison.Ordinal))
                    return false;
            fewer |= landMarks.Length < registryMarks.Length;
        }
        return fewer;
    }

    /// <summary>
    /// The family name in normalised form: the first word, or a compound royal-clan surname kept whole
    /// ("Tôn Thất Thuyết" → "Tôn Thất", "Công Tằng Tôn Nữ Thị Hà" → "Công Tằng Tôn Nữ"). A compound
    /// is only taken when a given name follows it, and also matches when written without diacritics.
    /// </summary>
    public static string? Surname(string? name)
    {
        var normalized = Normalize(name);
        if (string.IsNullOrEmpty(normalized))
            return null;
        var words = normalized.Split(' ');
        foreach (var compound in CompoundSurnames)
            if (words.Length > compound.Length && StartsWith(words, compound))
                return string.Join(' ', words[..compound.Length]);
        return words[0];
    }

    static bool StartsWith(string[] words, string[] compound)
    {
        for (var i = 0; i < compound.Length; i++)
        {
            var matches = string.Equals(words[i], compound[i], StringComparison.Ordinal)
                || (string.Equals(words[i], StripAccents(words[i]), StringComparison.OrdinalIgnoreCase)
                    && string.Equals(words[i], StripAccents(compound[i]), StringComparison.OrdinalIgnoreCase));
            if (!matches)
                return false;
        }
        return true;
    }
}
