using LandQuality.Generation;
using LandQuality.People;
using LandQuality.Reference;
using static LandQuality.Tests.Generation.ParcelChecks;

namespace LandQuality.Tests.Generation;

public sealed class GeneratedDataRealismTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    static int Col(string name) => GeneratedDataSet.Column(name);

    [Fact]
    public void Every_commune_code_is_a_Hue_commune_and_all_40_are_used()
    {
        var hue = ReferenceData.Current.CommunesOf("46").Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(40, hue.Count);
        Assert.All(data.Parcels, p => Assert.Contains(p[Col("commune_code")], hue));
        Assert.Equal(hue, data.Parcels.Select(p => p[Col("commune_code")]).ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void Wards_hold_more_parcels_per_commune_than_rural_communes()
    {
        var wards = ReferenceData.Current.CommunesOf("46").Where(c => c.DivisionType == "phường").Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var perCommune = data.Parcels.GroupBy(p => p[Col("commune_code")], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.True(perCommune.Where(c => wards.Contains(c.Key)).Average(c => c.Value) > perCommune.Where(c => !wards.Contains(c.Key)).Average(c => c.Value));
    }

    [Fact]
    public void Parcel_ids_are_unique_commune_prefixed_sequences()
    {
        Assert.Equal(data.Parcels.Count, data.Parcels.Select(p => p[0]).Distinct(StringComparer.Ordinal).Count());
        Assert.All(data.Parcels, p => Assert.Matches($"^{p[Col("commune_code")]}-\\d{{7}}$", p[0]));
    }

    [Fact]
    public void Cadastral_keys_repeat_only_for_injected_duplicates()
    {
        var copies = data.Parcels.Where(p => !data.HasDefect(p[0], DefectKinds.DuplicateParcelKey));
        var keys = copies.Select(p => (p[Col("commune_code")], p[Col("map_sheet")], p[Col("parcel_no")])).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Clean_parcels_owners_have_consistent_CCCDs_found_in_the_registry_with_the_same_details()
    {
        var checkedOwners = 0;
        foreach (var parcel in data.CleanParcels)
        {
            var owners = data.OwnersByParcel[parcel[0]].ToList();
            Assert.NotEmpty(owners);
            foreach (var owner in owners)
            {
                var birthYear = int.Parse(owner[2][..4], System.Globalization.CultureInfo.InvariantCulture);
                var id = PersonalIdNumber.Parse(owner[4]);
                Assert.True(id.IsConsistentWith(owner[3], birthYear), $"{parcel[0]}: {owner[4]} vs {owner[3]} {birthYear}");
                Assert.True(id.HasKnownProvinceCode, owner[4]);
                Assert.True(data.PopulationById.TryGetValue(owner[4], out var record), owner[4]);
                if (!data.HasDefect(parcel[0], DefectKinds.NameVariant))
                    Assert.Equal(record[1], owner[1]);
                Assert.True(record[2] == owner[2] || record[2][..4] == owner[2], $"{record[2]} vs {owner[2]}");
                Assert.Equal(record[3], owner[3]);
                Assert.Equal("alive", record[5]);
                checkedOwners++;
            }
        }
        Assert.True(checkedOwners > GeneratedDataSet.ParcelCount / 3);
    }

    [Fact]
    public void Clean_parcels_have_current_codes_that_add_up_and_consistent_areas()
    {
        var codes = ReferenceData.Current.LandUseCodes;
        foreach (var parcel in data.CleanParcels)
        {
            var area = Number(parcel[Col("area_m2")]);
            var purposes = Purposes(parcel[Col("land_use")]);
            Assert.NotEmpty(purposes);
            Assert.All(purposes, p => Assert.Equal(LandUseStatus.Current, codes[p.Code].Status));
            Assert.Equal(area, purposes.Sum(p => p.Area));
            Assert.True(RelativeDifference((double)area, (double)Number(parcel[Col("legal_area_m2")])) <= 0.01, parcel[0]);
            Assert.Matches("^[A-Z]{2} \\d{6}$", parcel[Col("certificate_serial")]);
            Assert.NotEqual("1900-01-01", parcel[Col("certificate_issued_on")]);
            Assert.NotEqual("1900-01-01", parcel[Col("updated_on")]);
            Assert.NotEqual("", parcel[Col("updated_on")]);
            var residential = parcel[Col("commune_code")] is var c && ReferenceData.Current.Communes[c].DivisionType == "phường" ? "ODT" : "ONT";
            Assert.DoesNotContain(purposes, p => p.Code is "ODT" or "ONT" && p.Code != residential);
        }
    }

    /// <summary>
    /// Fresh enough for stale_record's 10 years on any evaluation day until 2030-10-31, and never before
    /// the certificate (issuing one updates the record).
    /// </summary>
    [Fact]
    public void Clean_parcels_were_updated_in_the_five_years_before_the_data_ends_and_not_before_their_certificate()
    {
        foreach (var parcel in data.CleanParcels)
        {
            var updated = Day(parcel[Col("updated_on")]);
            Assert.InRange(updated, new DateOnly(2020, 10, 31), new DateOnly(2025, 10, 31));
            Assert.True(updated >= Day(parcel[Col("certificate_issued_on")]), parcel[0]);
        }
    }

    [Fact]
    public void Clean_parcels_owners_are_at_most_90_in_2026()
    {
        var clean = data.CleanParcels.Select(p => p[0]).ToHashSet(StringComparer.Ordinal);
        Assert.All(data.Owners.Where(o => clean.Contains(o[0])), o => Assert.True(int.Parse(o[2][..4], System.Globalization.CultureInfo.InvariantCulture) >= 1936, o[2]));
    }

    [Fact]
    public void Clean_parcels_geometry_matches_the_area_within_one_percent()
    {
        var withGeometry = data.CleanParcels.Where(p => p[Col("geometry_wkt")].Length > 0).ToList();
        Assert.InRange(withGeometry.Count / (double)data.CleanParcels.Count(), 0.3, 0.4);
        Assert.All(withGeometry, p =>
            Assert.True(RelativeDifference(PolygonArea(p[Col("geometry_wkt")]), (double)Number(p[Col("area_m2")])) <= 0.01, p[0]));
    }

    [Fact]
    public void About_thirty_percent_of_parcels_have_several_purposes()
    {
        var multi = data.Parcels.Count(p => p[Col("land_use")].Contains(';', StringComparison.Ordinal));
        Assert.InRange(multi / (double)data.Parcels.Count, 0.22, 0.38);
    }

    [Fact]
    public void People_own_several_parcels_under_one_identity()
    {
        var clean = data.CleanParcels.Select(p => p[0]).ToHashSet(StringComparer.Ordinal);
        var cleanRows = data.Owners.Where(o => clean.Contains(o[0]) && !data.HasDefect(o[0], DefectKinds.NameVariant)).ToList();
        var byId = cleanRows.GroupBy(o => o[4], StringComparer.Ordinal).ToList();
        Assert.Contains(byId, g => g.Select(o => o[0]).Distinct(StringComparer.Ordinal).Count() >= 3);
        Assert.All(byId, g => Assert.Single(g.Select(o => o[1]).Distinct(StringComparer.Ordinal)));
    }

    [Fact]
    public void Registry_holds_unique_ids_and_people_who_own_nothing()
    {
        var ownerIds = data.Owners.Select(o => o[4]).Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal);
        var nonOwners = data.Population.Count(r => !ownerIds.Contains(r[0]));
        Assert.InRange(nonOwners / (double)data.Population.Count, 0.1, 0.35);
        Assert.Equal(data.Summary.PopulationRecords, data.Population.Count);
    }

    [Fact]
    public void Names_follow_the_Vietnamese_surname_distribution_with_Hue_royal_names()
    {
        var surnames = data.Population.Select(r => r[1].Split(' ')[0]).ToList();
        Assert.InRange(surnames.Count(s => s == "Nguyễn") / (double)surnames.Count, 0.34, 0.43);
        Assert.InRange(surnames.Count(s => s == "Trần") / (double)surnames.Count, 0.08, 0.14);
        var royal = data.Population.Count(r => r[1].StartsWith("Tôn Thất ", StringComparison.Ordinal) || r[1].StartsWith("Tôn Nữ ", StringComparison.Ordinal));
        Assert.InRange(royal / (double)data.Population.Count, 0.002, 0.03);
        Assert.All(data.Population.Where(r => r[1].StartsWith("Tôn Nữ ", StringComparison.Ordinal)), r => Assert.Equal("F", r[3]));
    }

    [Fact]
    public void About_a_quarter_of_owner_records_keep_only_the_birth_year()
    {
        var yearOnly = data.Owners.Count(o => o[2].Length == 4);
        Assert.InRange(yearOnly / (double)data.Owners.Count, 0.18, 0.32);
    }

    [Fact]
    public void Most_CCCDs_are_registered_in_Thua_Thien_Hue()
    {
        var cccds = data.Population.Where(r => r[0].Length == 12).ToList();
        Assert.InRange(cccds.Count(r => r[0].StartsWith("046", StringComparison.Ordinal)) / (double)cccds.Count, 0.75, 0.92);
        Assert.Contains(data.Population, r => r[0].Length == 9);
    }
}
