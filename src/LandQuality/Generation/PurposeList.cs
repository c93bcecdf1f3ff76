namespace LandQuality.Generation;

/// <summary>
/// The land-use purposes of the parcel being rendered (at most four), with areas in tenths of a
/// square metre so that the parts of a multi-purpose parcel add up exactly. One instance per
/// worker, reused for every parcel.
/// </summary>
internal sealed class PurposeList
{
    readonly string[] _codes = new string[4];
    readonly long[] _tenths = new long[4];

    public int Count { get; private set; }
    public bool Agricultural { get; private set; }

    public long TotalTenths
    {
        get
        {
            long total = 0;
            for (var i = 0; i < Count; i++)
                total += _tenths[i];
            return total;
        }
    }

    public string CodeAt(int i) => _codes[i];

    /// <summary>A plausible mix for the commune: residential plots often with a garden (CLN/HNK), sometimes a second crop.</summary>
    public void Draw(ref SplitMix64 rng, GeneratedCommune commune)
    {
        Count = 0;
        var catalog = LandUseCatalog.Instance;
        var primary = catalog.Draw(ref rng, commune.Profile);
        Agricultural = primary.Agricultural;
        if (primary.IsResidential)
        {
            Add(commune.ResidentialCode, Area(ref rng, primary.MinM2, primary.MaxM2, wholeMetres: rng.Chance(0.3)));
            if (rng.Chance(0.5))
            {
                var garden = rng.Chance(0.7) ? "CLN" : "HNK";
                Add(garden, Area(ref rng, 30, commune.Profile == CommuneProfile.Urban ? 300 : 1500, wholeMetres: false));
                if (rng.Chance(0.1))
                    Add(garden == "CLN" ? "HNK" : "CLN", Area(ref rng, 50, 800, wholeMetres: false));
            }
            return;
        }
        Add(primary.Code, Area(ref rng, primary.MinM2, primary.MaxM2, wholeMetres: rng.Chance(0.2)));
        if (rng.Chance(0.1))
        {
            var second = catalog.DrawSecondary(ref rng, commune.Profile, primary.Code);
            Add(second.Code, Area(ref rng, second.MinM2, Math.Max(second.MinM2 + 10, second.MaxM2 / 2), wholeMetres: false));
        }
    }

    /// <summary>legacy_land_use_code: one purpose as an older register wrote it (HNK → BHK); a lone residential purpose gets a legacy garden part.</summary>
    public void MakeLegacy(ref SplitMix64 rng)
    {
        var catalog = LandUseCatalog.Instance;
        var index = -1;
        for (var i = 0; i < Count && index < 0; i++)
            if (catalog.HasLegacyForm(_codes[i]))
                index = i;
        if (index < 0 && Count == 1 && _codes[0] is "ODT" or "ONT")
        {
            var garden = (long)Math.Round(_tenths[0] * rng.Between(0.2, 0.4));
            _tenths[0] -= garden;
            Add("HNK", garden);
        }
        if (index < 0)
            index = Count - 1;
        _codes[index] = catalog.LegacyFormOf(_codes[index], ref rng);
    }

    /// <summary>unknown_land_use_code: one purpose carries a code that is on no list.</summary>
    public void MakeUnknown(ref SplitMix64 rng)
    {
        var unknown = LandUseCatalog.Instance.UnknownCodes;
        _codes[rng.Next(Count)] = unknown[rng.Next(unknown.Count)];
    }

    /// <summary>purpose_area_mismatch: the largest purpose is off by 5–30 % of the parcel area, so the parts no longer add up.</summary>
    public void SpoilAreas(ref SplitMix64 rng)
    {
        var largest = 0;
        for (var i = 1; i < Count; i++)
            if (_tenths[i] > _tenths[largest])
                largest = i;
        var delta = Math.Max(10, (long)Math.Round(TotalTenths * rng.Between(0.05, 0.3)));
        _tenths[largest] += rng.Chance(0.5) && _tenths[largest] > 2 * delta ? -delta : delta;
    }

    /// <summary>The land_use column: CODE:area;CODE:area (no commas, so never quoted).</summary>
    public void Write(CsvFieldWriter w)
    {
        for (var i = 0; i < Count; i++)
        {
            if (i > 0)
                w.Raw(';');
            w.Raw(_codes[i]);
            w.Raw(':');
            w.Tenths(_tenths[i]);
        }
    }

    void Add(string code, long tenths)
    {
        _codes[Count] = code;
        _tenths[Count] = tenths;
        Count++;
    }

    // Skewed towards the small end of the range, as parcel areas are (the product of two uniforms).
    static long Area(ref SplitMix64 rng, int minM2, int maxM2, bool wholeMetres)
    {
        var m2 = minM2 + (maxM2 - minM2) * rng.NextDouble() * rng.NextDouble();
        return wholeMetres ? (long)Math.Round(m2) * 10 : (long)Math.Round(m2 * 10);
    }
}
