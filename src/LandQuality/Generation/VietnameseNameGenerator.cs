namespace LandQuality.Generation;

/// <summary>A person's name as indexes into the name tables; -1 for no middle name.</summary>
internal readonly record struct NameParts(short Surname, short Middle, short Given);

/// <summary>
/// Draws Vietnamese names: surnames by their national frequency (Nguyễn ≈ 38 %) plus Huế's royal
/// compound surnames (Tôn Thất, Tôn Nữ, Công Tằng Tôn Nữ, Nguyễn Phúc), gendered middle and given
/// names. All data is NFC, so names are written with precomposed letters.
/// </summary>
internal sealed class VietnameseNameGenerator
{
    static readonly Lazy<VietnameseNameGenerator> Shared = new(() => new VietnameseNameGenerator());
    public static VietnameseNameGenerator Instance => Shared.Value;

    public NameTable Surnames { get; } = NameTable.Load("surnames.csv");
    public NameTable Middles { get; } = NameTable.Load("middle-names.csv");
    public NameTable Givens { get; } = NameTable.Load("given-names.csv");

    readonly int _tonThat, _tonNu, _congTangTonNu, _nguyenPhuc, _van, _thi;

    VietnameseNameGenerator()
    {
        _tonThat = Surnames.IndexOf("Tôn Thất");
        _tonNu = Surnames.IndexOf("Tôn Nữ");
        _congTangTonNu = Surnames.IndexOf("Công Tằng Tôn Nữ");
        _nguyenPhuc = Surnames.IndexOf("Nguyễn Phúc");
        _van = Middles.IndexOf("Văn");
        _thi = Middles.IndexOf("Thị");
    }

    public static string Group(bool female) => female ? "F" : "M";

    /// <summary>A family surname, drawn as a man's (children take their father's).</summary>
    public int FamilySurname(ref SplitMix64 rng) => Surnames.Pick(ref rng, "M");

    public NameParts Draw(ref SplitMix64 rng, bool female, int birthYear, int familySurname = -1)
    {
        var surname = familySurname >= 0 ? familySurname : Surnames.Pick(ref rng, Group(female));
        if (female && surname == _tonThat)
            surname = _tonNu; // daughters of the Tôn Thất lineage are named Tôn Nữ
        var middle = DrawMiddle(ref rng, female, birthYear, surname);
        var given = Givens.Pick(ref rng, Group(female));
        if (middle >= 0 && Middles.Names[middle].EndsWith(Givens.Names[given], StringComparison.Ordinal))
            given = Givens.PickOther(ref rng, Group(female), given); // no "Ngọc Ngọc"
        return new NameParts((short)surname, (short)middle, (short)given);
    }

    int DrawMiddle(ref SplitMix64 rng, bool female, int birthYear, int surname)
    {
        if (surname == _tonThat)
            return rng.Chance(0.6) ? -1 : Middles.Pick(ref rng, "M");
        if (surname == _tonNu || surname == _congTangTonNu)
            return rng.Chance(0.7) ? _thi : -1;
        if (surname == _nguyenPhuc && !female)
            return Middles.Pick(ref rng, "R");
        var middle = Middles.Pick(ref rng, Group(female));
        // Văn and Thị went out of fashion for children born from the mid-1980s.
        if (birthYear >= 1985 && (middle == _van || middle == _thi) && rng.Chance(0.5))
            middle = Middles.Pick(ref rng, Group(female));
        return middle;
    }

    public string FullName(NameParts name) =>
        name.Middle < 0
            ? string.Concat(Surnames.Names[name.Surname], " ", Givens.Names[name.Given])
            : string.Concat(Surnames.Names[name.Surname], " ", Middles.Names[name.Middle], " ", Givens.Names[name.Given]);

    /// <summary>Writes the name without building a string (names never need CSV quoting).</summary>
    public void Write(CsvFieldWriter writer, NameParts name)
    {
        writer.Raw(Surnames.Names[name.Surname]);
        writer.Raw(' ');
        if (name.Middle >= 0)
        {
            writer.Raw(Middles.Names[name.Middle]);
            writer.Raw(' ');
        }
        writer.Raw(Givens.Names[name.Given]);
    }

    public bool HasDiacritics(NameParts name) =>
        Surnames.HasDiacritics[name.Surname] || Givens.HasDiacritics[name.Given]
        || (name.Middle >= 0 && Middles.HasDiacritics[name.Middle]);

    public bool SameText(NameParts a, NameParts b) =>
        string.Equals(FullName(a), FullName(b), StringComparison.Ordinal);
}
