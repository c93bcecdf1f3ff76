namespace LandQuality.Generation;

/// <summary>
/// Decides, parcel by parcel and in one seeded sequence, each parcel's defects and owners. Owners
/// come from households of the parcel's commune, often reused (farmers hold several plots), so one
/// person's identity appears on several parcels. Person-level defects (deceased, CMND only, an
/// inconsistent CCCD, not in the registry) take their owner from a separate pool of such people, so
/// these traits never leak onto clean parcels.
/// </summary>
internal sealed class GenerationPlanner
{
    /// <summary>Share of parcels whose record spells an owner's name in a harmless variant, defective or not.</summary>
    const double NameVariantRate = 0.03;
    const double SpecialPersonReuse = 0.25;

    static readonly (DefectKind Kind, PersonTraits Trait)[] PersonKinds =
    [
        (DefectKind.DeceasedOwner, PersonTraits.Deceased), (DefectKind.LegacyCmnd, PersonTraits.LegacyCmnd),
        (DefectKind.OwnerNotInRegistry, PersonTraits.NotInRegistry), (DefectKind.IdGenderMismatch, PersonTraits.IdGenderMismatch),
        (DefectKind.IdBirthYearMismatch, PersonTraits.IdBirthYearMismatch), (DefectKind.UnknownIdProvinceCode, PersonTraits.UnknownIdProvince),
        (DefectKind.ImplausiblyOldOwner, PersonTraits.ImplausiblyOld),
    ];

    readonly GeneratorOptions _options;
    readonly GeneratedCommune[] _communes;
    readonly PersonTable _people = new();
    readonly HouseholdFactory _factory;
    readonly VietnameseNameGenerator _names = VietnameseNameGenerator.Instance;
    readonly List<(int First, int Size)>[] _households;
    readonly List<int>[] _specialPeople;
    SplitMix64 _rng;

    GenerationPlanner(GeneratorOptions options)
    {
        _options = options;
        _communes = ProvinceCommunes.Of(options.Provinces);
        _rng = SplitMix64.For(options.Seed, stream: 0, index: 0);
        _factory = new HouseholdFactory(_people, new IdNumberFactory(), _communes);
        _households = new List<(int, int)>[_communes.Length];
        _specialPeople = new List<int>[_communes.Length * PersonKinds.Length];
        for (var i = 0; i < _households.Length; i++)
            _households[i] = [];
        for (var i = 0; i < _specialPeople.Length; i++)
            _specialPeople[i] = [];
    }

    public static GenerationPlan Build(GeneratorOptions options, CancellationToken ct) => new GenerationPlanner(options).Build(ct);

    GenerationPlan Build(CancellationToken ct)
    {
        var n = _options.Parcels;
        var plan = new GenerationPlan
        {
            Options = _options, Communes = _communes, People = _people, CommuneStart = new int[_communes.Length + 1],
            Commune = new short[n], MapSheet = new short[n], ParcelNo = new short[n], OwnerFirst = new int[n],
            OwnerCount = new byte[n], TargetOwner = new byte[n], Defects = new uint[n], NameDonors = [],
            CertificateSerial = new int[n],
        };
        var counts = ParcelLayout.CommuneCounts(ref _rng, n, _communes);
        for (var c = 0; c < _communes.Length; c++)
        {
            var start = plan.CommuneStart[c];
            plan.CommuneStart[c + 1] = start + counts[c];
            plan.Commune.AsSpan(start, counts[c]).Fill((short)c);
            ParcelLayout.AssignKeys(ref _rng, plan.MapSheet.AsSpan(start, counts[c]), plan.ParcelNo.AsSpan(start, counts[c]));
        }
        var serials = new CertificateSerials(_options.Seed);
        for (var p = 0; p < n; p++)
        {
            if ((p & 0xFFFF) == 0)
                ct.ThrowIfCancellationRequested();
            plan.CertificateSerial[p] = serials.Next(ref _rng);
            PlanParcel(plan, p);
        }
        return plan;
    }

    void PlanParcel(GenerationPlan plan, int p)
    {
        var commune = plan.Commune[p];
        var communeStart = plan.CommuneStart[commune];
        uint defects = 0;
        var groups = 0;
        if (_rng.Chance(_options.DefectRate))
        {
            var roll = _rng.Next(100);
            var wanted = roll < 75 ? 1 : roll < 95 ? 2 : 3;
            var canBeStale = CertificateSerials.IssueYear(plan.CertificateSerial[p]) < ParcelRowWriter.StaleUntil.Year;
            for (var i = 0; i < wanted; i++)
                DefectCatalog.TryAdd(ref _rng, ref defects, ref groups, canDuplicateKey: p > communeStart, canBeStale);
        }
        if ((groups & DefectCatalog.NameGroup) == 0 && _rng.Chance(NameVariantRate))
            defects |= DefectMask.Bit(DefectKind.NameVariant);

        int first = -1, count = 0, target = 0;
        if (defects.Has(DefectKind.MissingOwner))
        {
            // no owners
        }
        else if ((defects & DefectCatalog.PersonKinds) != 0)
        {
            first = SpecialPerson(commune, defects);
            count = 1;
        }
        else if (!(defects.Has(DefectKind.IdNumberMultipleNames) && TryOwnersShownBefore(commune, out first, out count, out target)))
        {
            defects = Replace(defects, DefectKind.IdNumberMultipleNames, DefectKind.NameDiffersFromRegistry);
            (first, count) = NormalOwners(commune);
            target = count > 1 ? _rng.Next(count) : 0;
        }

        if (defects.Has(DefectKind.NameMissingDiacritics) && !_names.HasDiacritics(_people.Name(first + target)))
            defects = Replace(defects, DefectKind.NameMissingDiacritics, DefectKind.NameDiffersFromRegistry);
        if (defects.Has(DefectKind.IdNumberMultipleNames))
        {
            if (FindNameDonor(first + target) is var donor and >= 0)
                plan.NameDonors[p] = donor;
            else
                defects = Replace(defects, DefectKind.IdNumberMultipleNames, DefectKind.NameDiffersFromRegistry);
        }
        if (defects.Has(DefectKind.DuplicateParcelKey))
        {
            var original = communeStart + _rng.Next(p - communeStart);
            plan.MapSheet[p] = plan.MapSheet[original];
            plan.ParcelNo[p] = plan.ParcelNo[original];
        }

        for (var s = 0; s < count; s++)
            if (s != target || (defects & DefectCatalog.RowAlterations) == 0)
                _people.MarkShownTruly(first + s);

        plan.OwnerFirst[p] = first;
        plan.OwnerCount[p] = (byte)count;
        plan.TargetOwner[p] = (byte)target;
        plan.Defects[p] = defects;
    }

    static uint Replace(uint defects, DefectKind from, DefectKind to) =>
        defects.Has(from) ? (defects & ~DefectMask.Bit(from)) | DefectMask.Bit(to) : defects;

    (int First, int Count) NormalOwners(int commune)
    {
        var pool = _households[commune];
        var reuse = _communes[commune].IsWard ? 0.4 : 0.7;
        (int First, int Size) household;
        if (pool.Count > 0 && _rng.Chance(reuse))
            household = pool[_rng.Next(pool.Count)];
        else
            pool.Add(household = _factory.NewHousehold(ref _rng, commune));
        if (household.Size != 2)
            return household;
        var roll = _rng.Next(100); // a couple: both spouses, the husband or the wife
        return roll < 45 ? household : roll < 85 ? (household.First, 1) : (household.First + 1, 1);
    }

    /// <summary>For id_number_multiple_names: an earlier household of the commune with an owner whose true name and ID some parcel already shows.</summary>
    bool TryOwnersShownBefore(int commune, out int first, out int count, out int target)
    {
        var pool = _households[commune];
        for (var attempt = 0; attempt < 12 && pool.Count > 0; attempt++)
        {
            (first, count) = pool[_rng.Next(pool.Count)];
            for (target = 0; target < count; target++)
                if (_people.IsShownTruly(first + target))
                    return true;
        }
        first = count = target = 0;
        return false;
    }

    int SpecialPerson(int commune, uint defects)
    {
        var k = 0;
        while (!defects.Has(PersonKinds[k].Kind))
            k++;
        var pool = _specialPeople[commune * PersonKinds.Length + k];
        if (pool.Count > 0 && _rng.Chance(SpecialPersonReuse))
            return pool[_rng.Next(pool.Count)];
        var person = _factory.NewSpecialPerson(ref _rng, commune, PersonKinds[k].Trait);
        pool.Add(person);
        return person;
    }

    /// <summary>Another ordinary person of the same gender with a different name.</summary>
    int FindNameDonor(int person)
    {
        for (var attempt = 0; attempt < 32; attempt++)
        {
            var donor = _rng.Next(_people.Count);
            if (donor != person && (_people.Traits(donor) & ~PersonTraits.NonOwner) == 0
                && _people.IsFemale(donor) == _people.IsFemale(person)
                && !_names.SameText(_people.Name(donor), _people.Name(person)))
                return donor;
        }
        return -1;
    }
}
