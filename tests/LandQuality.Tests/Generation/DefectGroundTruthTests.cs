using LandQuality.Generation;
using LandQuality.People;
using LandQuality.Reference;
using static LandQuality.Tests.Generation.ParcelChecks;

namespace LandQuality.Tests.Generation;

/// <summary>Each injected defect must really be in the data the way defects.csv says.</summary>
public sealed class DefectGroundTruthTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    static int Col(string name) => GeneratedDataSet.Column(name);

    List<string[]> With(string kind)
    {
        var parcels = data.ParcelsWith(kind).ToList();
        Assert.True(parcels.Count >= 20, $"too few {kind} parcels ({parcels.Count}) to test");
        return parcels;
    }

    /// <summary>The owner rows of the parcel paired with their registry record (null when missing).</summary>
    IEnumerable<(string[] Owner, string[]? Record)> OwnersOf(string[] parcel) =>
        data.OwnersByParcel[parcel[0]].Select(o => (o, data.PopulationById.GetValueOrDefault(o[4])));

    [Fact]
    public void Defect_names_are_the_snake_case_enum_names_in_order()
    {
        Assert.Equal(28, DefectKinds.All.Count);
        var fromEnum = Enum.GetNames<DefectKind>()
            .Select(n => string.Concat(n.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())));
        Assert.Equal(fromEnum, DefectKinds.All);
        Assert.All(data.Defects, d => Assert.Contains(d[1], DefectKinds.All));
    }

    [Fact]
    public void Summary_counts_match_the_files()
    {
        Assert.Equal(data.Parcels.Count, data.Summary.Parcels);
        Assert.Equal(data.Owners.Count, data.Summary.OwnerRows);
        foreach (var kind in DefectKinds.All)
            Assert.Equal(data.Defects.Count(d => d[1] == kind), data.Summary.DefectsByKind[kind]);
        var defective = data.DefectsByParcel.Count(p => p.Value.Any(k => !DefectKinds.IsHarmless(k)));
        Assert.Equal(defective, data.Summary.ParcelsWithDefects);
    }

    [Fact]
    public void Defect_share_is_near_the_Hue_rate() =>
        Assert.InRange(data.Summary.DefectShare, GeneratorOptions.HueDefectRate - 0.03, GeneratorOptions.HueDefectRate + 0.03);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.2)]
    [InlineData(0.9)]
    public void Defect_share_follows_the_configured_rate(double rate)
    {
        var dir = Path.Combine(Path.GetTempPath(), "lq-rate-" + Guid.NewGuid().ToString("N"));
        try
        {
            var summary = SyntheticDataGenerator.Generate(new GeneratorOptions { Parcels = 10_000, Seed = 11, DefectRate = rate }, dir);
            Assert.InRange(summary.DefectShare, rate - 0.03, rate + 0.03);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Missing_fields_are_empty()
    {
        Assert.All(With(DefectKinds.MissingOwner), p => Assert.Empty(data.OwnersByParcel[p[0]]));
        Assert.All(With(DefectKinds.MissingCertificateSerial), p => Assert.Equal("", p[Col("certificate_serial")]));
        Assert.All(With(DefectKinds.MissingLandUse), p => Assert.Equal("", p[Col("land_use")]));
        Assert.All(With(DefectKinds.MissingArea), p => Assert.Equal("", p[Col("area_m2")]));
        Assert.All(With(DefectKinds.MissingIdNumber), p => Assert.Contains(OwnersOf(p), o => o.Owner[4] == ""));
    }

    [Fact]
    public void Land_use_defects_show_in_the_codes_and_areas()
    {
        var codes = ReferenceData.Current.LandUseCodes;
        Assert.All(With(DefectKinds.LegacyLandUseCode), p =>
            Assert.Contains(Purposes(p[Col("land_use")]), u => codes.TryGetValue(u.Code, out var info) && info.Status == LandUseStatus.Legacy));
        Assert.All(With(DefectKinds.UnknownLandUseCode), p =>
            Assert.Contains(Purposes(p[Col("land_use")]), u => !codes.ContainsKey(u.Code)));
        Assert.All(With(DefectKinds.PurposeAreaMismatch), p =>
            Assert.NotEqual(Number(p[Col("area_m2")]), Purposes(p[Col("land_use")]).Sum(u => u.Area)));
    }

    [Fact]
    public void Area_defects_exceed_five_percent()
    {
        Assert.All(With(DefectKinds.AreaMismatch), p =>
            Assert.True(RelativeDifference((double)Number(p[Col("area_m2")]), (double)Number(p[Col("legal_area_m2")])) > 0.05, p[0]));
        Assert.All(With(DefectKinds.GeometryAreaMismatch), p =>
            Assert.True(RelativeDifference(PolygonArea(p[Col("geometry_wkt")]), (double)Number(p[Col("area_m2")])) > 0.05, p[0]));
    }

    [Fact]
    public void Duplicate_keys_and_placeholder_dates_are_present()
    {
        var keyCounts = data.Parcels.CountBy(p => (p[Col("commune_code")], p[Col("map_sheet")], p[Col("parcel_no")])).ToDictionary();
        Assert.All(With(DefectKinds.DuplicateParcelKey), p =>
            Assert.True(keyCounts[(p[Col("commune_code")], p[Col("map_sheet")], p[Col("parcel_no")])] >= 2, p[0]));
        Assert.All(With(DefectKinds.PlaceholderDate), p =>
            Assert.Contains("1900-01-01", new[] { p[Col("certificate_issued_on")], p[Col("updated_on")] }));
    }

    [Fact]
    public void Stale_and_missing_update_dates_are_present()
    {
        // Stale on any evaluation day after the data's end under the rules' default of 10 years; and
        // no certificate was issued after that last update.
        Assert.All(With(DefectKinds.StaleRecord), p =>
        {
            var updated = Day(p[Col("updated_on")]);
            Assert.True(updated < new DateOnly(2013, 10, 31), p[0]);
            Assert.True(updated >= Day(p[Col("certificate_issued_on")]), p[0]);
        });
        Assert.All(With(DefectKinds.MissingUpdatedOn), p => Assert.Equal("", p[Col("updated_on")]));
        // Ordinary parcels, defective or not, stay fresh until 2030-10-31.
        Assert.All(data.Parcels.Where(p => !data.HasDefect(p[0], DefectKinds.StaleRecord) && p[Col("updated_on")] is { Length: > 0 } and not "1900-01-01"),
            p => Assert.True(Day(p[Col("updated_on")]) >= new DateOnly(2020, 10, 31), p[0]));
    }

    [Fact]
    public void Implausibly_old_owners_were_born_before_1915_and_are_missing_from_the_registry()
    {
        Assert.All(With(DefectKinds.ImplausiblyOldOwner), p =>
            Assert.Contains(OwnersOf(p), o => o.Record is null && int.Parse(o.Owner[2][..4], System.Globalization.CultureInfo.InvariantCulture) is >= 1900 and < 1915));
        // Nobody else missing from the registry is anywhere near the age limit (105).
        Assert.All(data.Owners.Where(o => !data.HasDefect(o[0], DefectKinds.ImplausiblyOldOwner) && !data.PopulationById.ContainsKey(o[4])),
            o => Assert.True(int.Parse(o[2][..4], System.Globalization.CultureInfo.InvariantCulture) >= 1936, $"{o[0]} {o[2]}"));
    }

    [Fact]
    public void Id_number_defects_show_in_the_numbers()
    {
        Assert.All(With(DefectKinds.MalformedIdNumber), p =>
            Assert.Contains(OwnersOf(p), o => o.Owner[4].Length > 0 && PersonalIdNumber.Parse(o.Owner[4]).Kind == IdNumberKind.Malformed));
        Assert.All(With(DefectKinds.LegacyCmnd), p =>
            Assert.Contains(OwnersOf(p), o => PersonalIdNumber.Parse(o.Owner[4]).Kind == IdNumberKind.LegacyCmnd && o.Record is not null));
        Assert.All(With(DefectKinds.IdGenderMismatch), p =>
            Assert.Contains(OwnersOf(p), o => o.Record is not null && PersonalIdNumber.Parse(o.Owner[4]).Gender != o.Owner[3]));
        Assert.All(With(DefectKinds.IdBirthYearMismatch), p =>
            Assert.Contains(OwnersOf(p), o => o.Record is not null && PersonalIdNumber.Parse(o.Owner[4]).BirthYear != int.Parse(o.Owner[2][..4], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(With(DefectKinds.UnknownIdProvinceCode), p =>
            Assert.Contains(OwnersOf(p), o => o.Record is not null && PersonalIdNumber.Parse(o.Owner[4]) is { IsCccd: true, HasKnownProvinceCode: false }));
    }

    [Fact]
    public void Registry_defects_show_against_the_population_records()
    {
        Assert.All(With(DefectKinds.OwnerNotInRegistry), p => Assert.Contains(OwnersOf(p), o => o.Owner[4].Length > 0 && o.Record is null));
        Assert.All(With(DefectKinds.DeceasedOwner), p => Assert.Contains(OwnersOf(p), o => o.Record?[5] == "deceased"));
        Assert.All(With(DefectKinds.BirthDateDiffers), p =>
            Assert.Contains(OwnersOf(p), o => o.Record is not null && o.Owner[2].Length == 10 && o.Owner[2] != o.Record[2]));
        Assert.All(With(DefectKinds.GenderDiffers), p => Assert.Contains(OwnersOf(p), o => o.Record is not null && o.Owner[3] != o.Record[3]));
    }

    [Fact]
    public void Name_defects_are_real_differences_and_variants_are_not()
    {
        Assert.All(With(DefectKinds.NameDiffersFromRegistry), p =>
            Assert.Contains(OwnersOf(p), o => o.Record is not null && FoldName(o.Owner[1]) != FoldName(o.Record[1])));
        Assert.All(With(DefectKinds.NameMissingDiacritics), p =>
            Assert.Contains(OwnersOf(p), o => o.Record is not null && System.Text.Ascii.IsValid(o.Owner[1]) && o.Owner[1] != o.Record[1]));
        Assert.All(With(DefectKinds.NameVariant), p =>
        {
            var differing = OwnersOf(p).Where(o => o.Record is not null && o.Owner[1] != o.Record[1]).ToList();
            Assert.NotEmpty(differing);
            // Harmless: every difference on a parcel without a real name defect folds away.
            if (!data.DefectsByParcel[p[0]].Any(k => k is DefectKinds.NameDiffersFromRegistry or DefectKinds.NameMissingDiacritics or DefectKinds.IdNumberMultipleNames))
                Assert.All(differing, o => Assert.Equal(FoldName(o.Record![1]), FoldName(o.Owner[1])));
        });
    }

    [Fact]
    public void Tone_mark_variants_include_the_old_and_new_placements()
    {
        var variants = With(DefectKinds.NameVariant).SelectMany(OwnersOf).Where(o => o.Record is not null && o.Owner[1] != o.Record[1]).ToList();
        Assert.Contains(variants, o => o.Owner[1].Normalize() != o.Owner[1]);
        Assert.Contains(variants, o => o.Owner[1] == o.Record![1].ToUpperInvariant());
        Assert.Contains(variants, o => o.Owner[1].IsNormalized() && o.Owner[1].ToLowerInvariant() != o.Record![1].ToLowerInvariant()
            && o.Owner[1].Replace(" ", "", StringComparison.Ordinal) != o.Record[1].Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void An_id_number_with_multiple_names_appears_under_another_name_elsewhere()
    {
        var namesById = data.Owners.Where(o => o[4].Length > 0).GroupBy(o => o[4], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(o => o[1]).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.All(With(DefectKinds.IdNumberMultipleNames), p =>
            Assert.Contains(OwnersOf(p), o => o.Record is not null && o.Owner[1] != o.Record[1] && namesById[o.Owner[4]].Contains(o.Record[1])));
    }
}
