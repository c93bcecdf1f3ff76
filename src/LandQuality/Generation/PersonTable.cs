namespace LandQuality.Generation;

/// <summary>What is special about a person; most have none. Each trait is true in the registry too.</summary>
[Flags]
internal enum PersonTraits : byte
{
    None = 0,
    /// <summary>Owns land but is missing from the population registry.</summary>
    NotInRegistry = 1,
    Deceased = 2,
    /// <summary>Holds only a legacy 9-digit CMND.</summary>
    LegacyCmnd = 4,
    /// <summary>The CCCD's gender digit does not match the person.</summary>
    IdGenderMismatch = 8,
    IdBirthYearMismatch = 16,
    UnknownIdProvince = 32,
    /// <summary>In the registry only; never an owner.</summary>
    NonOwner = 64,
    /// <summary>Born 1900–1914: over 105 on any evaluation day. Always together with <see cref="NotInRegistry"/>.</summary>
    ImplausiblyOld = 128,
}

/// <summary>
/// Everyone the generator invents, as parallel arrays indexed by person number (about a million
/// people for a province: objects per person would cost the GC more than the generation itself).
/// Parcels refer to people by index, so one person owns several parcels with one identity.
/// </summary>
internal sealed class PersonTable
{
    NameParts[] _names = new NameParts[1024];
    bool[] _female = new bool[1024];
    int[] _birthDay = new int[1024];
    long[] _idNumber = new long[1024];
    PersonTraits[] _traits = new PersonTraits[1024];
    short[] _homeCommune = new short[1024];
    bool[] _shownTruly = new bool[1024];

    public int Count { get; private set; }

    public int Add(NameParts name, bool female, DateOnly birthDate, long idNumber, PersonTraits traits, int homeCommune)
    {
        if (Count == _names.Length)
            Grow();
        var i = Count++;
        _names[i] = name;
        _female[i] = female;
        _birthDay[i] = birthDate.DayNumber;
        _idNumber[i] = idNumber;
        _traits[i] = traits;
        _homeCommune[i] = (short)homeCommune;
        return i;
    }

    public NameParts Name(int person) => _names[person];
    public bool IsFemale(int person) => _female[person];
    public string Gender(int person) => _female[person] ? "F" : "M";
    public DateOnly BirthDate(int person) => DateOnly.FromDayNumber(_birthDay[person]);
    public int BirthDayNumber(int person) => _birthDay[person];
    public long IdNumber(int person) => _idNumber[person];
    /// <summary>9 for a legacy CMND, otherwise 12.</summary>
    public int IdDigits(int person) => (_traits[person] & PersonTraits.LegacyCmnd) != 0 ? 9 : 12;
    public PersonTraits Traits(int person) => _traits[person];
    public int HomeCommune(int person) => _homeCommune[person];

    /// <summary>Whether some parcel already shows this person's true name and ID (needed before a second name can be written against that ID).</summary>
    public bool IsShownTruly(int person) => _shownTruly[person];
    public void MarkShownTruly(int person) => _shownTruly[person] = true;

    void Grow()
    {
        var size = _names.Length * 2;
        Array.Resize(ref _names, size);
        Array.Resize(ref _female, size);
        Array.Resize(ref _birthDay, size);
        Array.Resize(ref _idNumber, size);
        Array.Resize(ref _traits, size);
        Array.Resize(ref _homeCommune, size);
        Array.Resize(ref _shownTruly, size);
    }
}
