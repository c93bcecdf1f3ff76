namespace LandQuality.Generation;

/// <summary>
/// Invents the people who hold land, as households laid out consecutively in the person table:
/// a single holder, a married couple (husband first), or three to five siblings who inherited
/// together and share their father's surname. Every household brings along, now and then, a
/// neighbour who owns nothing; with the spouses who hold no parcel themselves, the registry holds
/// about a fifth more people than the land records name.
/// </summary>
internal sealed class HouseholdFactory(PersonTable people, IdNumberFactory ids, GeneratedCommune[] communes)
{
    const double NonOwnerPerPerson = 0.12;
    readonly VietnameseNameGenerator _names = VietnameseNameGenerator.Instance;

    /// <summary>Creates a household in the commune; returns its first person and size (1 single, 2 couple, 3–5 heirs).</summary>
    public (int First, int Size) NewHousehold(ref SplitMix64 rng, int commune)
    {
        var roll = rng.Next(100);
        int first;
        int size;
        if (roll < 33)
        {
            first = NewPerson(ref rng, commune, rng.Chance(0.5), AdultBirthYear(ref rng), PersonTraits.None);
            size = 1;
        }
        else if (roll < 90)
        {
            var husbandYear = Math.Min(2000, AdultBirthYear(ref rng));
            first = NewPerson(ref rng, commune, female: false, husbandYear, PersonTraits.None);
            NewPerson(ref rng, commune, female: true, Math.Min(2003, husbandYear + rng.Between(-2, 8)), PersonTraits.None);
            size = 2;
        }
        else
        {
            var fatherYear = 1925 + rng.Next(40);
            var surname = _names.FamilySurname(ref rng);
            size = rng.Between(3, 5);
            first = people.Count;
            for (var i = 0; i < size; i++)
                NewPerson(ref rng, commune, rng.Chance(0.5), Math.Min(2003, fatherYear + rng.Between(20, 40)), PersonTraits.None, surname);
        }
        AddNonOwners(ref rng, commune, size);
        return (first, size);
    }

    /// <summary>
    /// A single holder with a trait the registry shares (deceased, CMND only, an inconsistent CCCD) or
    /// missing from it; an implausibly old holder is missing from it too (the registry would know them
    /// alive or dead).
    /// </summary>
    public int NewSpecialPerson(ref SplitMix64 rng, int commune, PersonTraits trait)
    {
        var birthYear = trait switch
        {
            PersonTraits.Deceased => 1915 + rng.Next(50),
            PersonTraits.LegacyCmnd => 1930 + rng.Next(38),
            PersonTraits.ImplausiblyOld => 1900 + rng.Next(15),
            _ => AdultBirthYear(ref rng),
        };
        var traits = trait == PersonTraits.ImplausiblyOld ? trait | PersonTraits.NotInRegistry : trait;
        var person = NewPerson(ref rng, commune, rng.Chance(0.5), birthYear, traits);
        if (trait != PersonTraits.NotInRegistry)
            AddNonOwners(ref rng, commune, 1);
        return person;
    }

    void AddNonOwners(ref SplitMix64 rng, int commune, int householdSize)
    {
        for (var i = 0; i < householdSize; i++)
            if (rng.Chance(NonOwnerPerPerson))
                NewPerson(ref rng, commune, rng.Chance(0.5), 1940 + rng.Next(68), PersonTraits.NonOwner);
    }

    int NewPerson(ref SplitMix64 rng, int commune, bool female, int birthYear, PersonTraits traits, int familySurname = -1)
    {
        var name = _names.Draw(ref rng, female, birthYear, familySurname);
        var birthDate = new DateOnly(birthYear, 1, 1).AddDays(rng.Next(DateTime.IsLeapYear(birthYear) ? 366 : 365));
        var id = (traits & PersonTraits.LegacyCmnd) != 0 ? ids.NewCmnd(ref rng) : ids.NewCccd(ref rng, communes[commune].CccdCode, female, birthYear, traits);
        // Some holders live in another commune than their land.
        var home = rng.Chance(0.92) ? commune : rng.Next(communes.Length);
        return people.Add(name, female, birthDate, id, traits, home);
    }

    // Adults born 1938–2003, most around 1970: the sum of two uniforms.
    static int AdultBirthYear(ref SplitMix64 rng) => 1938 + (int)((rng.NextDouble() + rng.NextDouble()) * 33);
}
