using System.Globalization;
using LandQuality.Parcels;
using LandQuality.Registry;
using LandQuality.Rules.Helpers;

namespace LandQuality.Review.Queue;

/// <summary>
/// An owner of the land record against the population registry's record for their ID number:
/// name, birth date, gender and whether the person is alive. The police and the commune confirm or
/// correct from this; the findings say which rule failed, this shows the two values side by side.
/// </summary>
static class RegistryComparison
{
    public static OwnerView Compare(Owner owner, PopulationRecord? registry, Func<string?, string?> mask)
    {
        var birth = TaskDetails.Date(owner.BirthDate) ?? owner.BirthYear?.ToString(CultureInfo.InvariantCulture);
        var differences = new List<DifferenceView>();
        RegistryRecordView? record = null;
        if (owner.IdNumber is null)
            differences.Add(new("id_number", null, null, "no ID number in the land record: nothing to compare with the registry"));
        else if (registry is null)
            differences.Add(new("id_number", mask(owner.IdNumber), null, "not in the population registry"));
        else
        {
            var status = registry.Status == LifeStatus.Deceased ? "deceased" : "alive";
            record = new RegistryRecordView(registry.FullName, TaskDetails.Date(registry.BirthDate), registry.Gender, status, registry.PermanentAddress);
            if (!string.Equals(owner.FullName, registry.FullName, StringComparison.Ordinal))
                differences.Add(new("full_name", owner.FullName, registry.FullName,
                    VietnameseName.SamePerson(owner.FullName, registry.FullName) ? "the same name written differently (case, spacing, tone placement)"
                    : VietnameseName.SameIgnoringAccents(owner.FullName, registry.FullName) ? "differs in accents only"
                    : null));
            if (BirthDiffers(owner, registry.BirthDate))
                differences.Add(new("birth_date", birth, record.BirthDate, birth is null ? "missing in the land record" : null));
            if (registry.Gender is not null && !string.Equals(owner.Gender, registry.Gender, StringComparison.Ordinal))
                differences.Add(new("gender", owner.Gender, registry.Gender, owner.Gender is null ? "missing in the land record" : null));
            if (registry.Status == LifeStatus.Deceased)
                differences.Add(new("status", "alive", "deceased", "the registry records this owner as deceased"));
        }
        return new OwnerView(owner.Seq, owner.FullName, mask(owner.IdNumber), owner.BirthYear, owner.Gender, birth, owner.Share, record, differences);
    }

    /// <summary>A land record with only the birth year agrees with a registry date of that year.</summary>
    static bool BirthDiffers(Owner owner, DateOnly? registry) => registry is { } r && (owner.BirthDate is { } d
        ? d != r
        : owner.BirthYear is not { } y || y != r.Year);
}
