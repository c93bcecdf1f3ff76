namespace LandQuality.Generation;

/// <summary>
/// Writes a parcel's owners.csv rows from the people it references, spoiling the target owner's
/// row as the parcel's owner-level defects say. The person (and so the registry record) is never
/// changed: only what this land record says about them.
/// </summary>
internal static class OwnerRowWriter
{
    static readonly string[][] ExplicitShares =
    [
        [], ["1"], ["0.5", "0.5"], ["0.4", "0.3", "0.3"], ["0.25", "0.25", "0.25", "0.25"], ["0.2", "0.2", "0.2", "0.2", "0.2"],
    ];
    static readonly string[] UnequalCouple = ["0.6", "0.4"];

    public static void Write(CsvFieldWriter w, ref SplitMix64 rng, GenerationPlan plan, int parcel, GeneratedCommune commune, int issuedYear)
    {
        var count = plan.OwnerCount[parcel];
        if (count == 0)
            return;
        var people = plan.People;
        var names = VietnameseNameGenerator.Instance;
        var first = plan.OwnerFirst[parcel];
        var target = plan.TargetOwner[parcel];
        var defects = plan.Defects[parcel];
        // Records from before the 2005 digitisation often kept only the birth year.
        var yearOnlyChance = issuedYear < 2005 ? 0.45 : 0.12;
        var shares = count >= 2 && rng.Chance(0.3) ? (count == 2 && rng.Chance(0.3) ? UnequalCouple : ExplicitShares[count]) : null;

        for (var slot = 0; slot < count; slot++)
        {
            var person = first + slot;
            var isTarget = slot == target;
            ParcelIds.Write(w, commune, plan.SeqInCommune(parcel));
            w.Comma();

            if (isTarget && (defects & DefectCatalog.RowAlterations & ~IdAlterations) != 0)
                w.Field(AlteredName(ref rng, plan, parcel, person, defects));
            else
                names.Write(w, people.Name(person));
            w.Comma();

            var birth = people.BirthDate(person);
            if (isTarget && defects.Has(DefectKind.BirthDateDiffers))
                w.Date(OtherDayOfSameYear(ref rng, birth));
            else if (rng.Chance(yearOnlyChance))
                w.Digits(birth.Year, 4);
            else
                w.Date(birth);
            w.Comma();

            var female = people.IsFemale(person) ^ (isTarget && defects.Has(DefectKind.GenderDiffers));
            w.Raw(female ? 'F' : 'M');
            w.Comma();

            if (isTarget && defects.Has(DefectKind.MalformedIdNumber))
                WriteMalformedId(w, ref rng, people.IdNumber(person), people.IdDigits(person));
            else if (!(isTarget && defects.Has(DefectKind.MissingIdNumber)))
                w.Digits(people.IdNumber(person), people.IdDigits(person));
            w.Comma();

            if (shares is not null)
                w.Raw(shares[slot]);
            w.EndRow();
        }
    }

    const uint IdAlterations = 1u << (int)DefectKind.MissingIdNumber | 1u << (int)DefectKind.MalformedIdNumber;

    static string AlteredName(ref SplitMix64 rng, GenerationPlan plan, int parcel, int person, uint defects)
    {
        var names = VietnameseNameGenerator.Instance;
        var people = plan.People;
        var name = people.Name(person);
        if (defects.Has(DefectKind.NameDiffersFromRegistry))
            return names.FullName(NameAlterations.Different(name, people.IsFemale(person), ref rng));
        if (defects.Has(DefectKind.IdNumberMultipleNames))
            return names.FullName(people.Name(plan.NameDonors[parcel]));
        if (defects.Has(DefectKind.NameMissingDiacritics))
            return NameAlterations.StripDiacritics(names.FullName(name));
        return NameAlterations.Variant(names.FullName(name), ref rng);
    }

    static DateOnly OtherDayOfSameYear(ref SplitMix64 rng, DateOnly birth)
    {
        var days = DateTime.IsLeapYear(birth.Year) ? 366 : 365;
        var dayOfYear = (birth.DayOfYear - 1 + rng.Between(1, days - 1)) % days;
        return new DateOnly(birth.Year, 1, 1).AddDays(dayOfYear);
    }

    /// <summary>Typing slips that no ID parser accepts: a digit lost or doubled, a letter O for a zero, digits grouped with spaces.</summary>
    static void WriteMalformedId(CsvFieldWriter w, ref SplitMix64 rng, long value, int digits)
    {
        Span<char> text = stackalloc char[digits];
        for (var i = digits - 1; i >= 0; i--, value /= 10)
            text[i] = (char)('0' + value % 10);
        var at = rng.Next(digits);
        switch (rng.Next(4))
        {
            case 0:
                w.Raw(text[..at]);
                w.Raw(text[(at + 1)..]);
                break;
            case 1:
                w.Raw(text[..(at + 1)]);
                w.Raw(text[at..]);
                break;
            case 2:
                var zero = text.IndexOf('0');
                text[zero >= 0 ? zero : at] = 'O';
                w.Raw(text);
                break;
            default:
                w.Raw(text[..3]);
                w.Raw(' ');
                w.Raw(text[3..6]);
                w.Raw(' ');
                w.Raw(text[6..]);
                break;
        }
    }
}
