using LandQuality.Reference;

namespace LandQuality.Generation;

/// <summary>Land profile of a commune: which land uses dominate (see Data/land-use-mix.csv).</summary>
internal enum CommuneProfile { Urban, PeriUrban, Rural, Lagoon, Mountain }

/// <summary>
/// A commune of a generated province with what the generator needs to know about it: its province's name (the end of
/// a permanent address) and the CCCD code most of its people were registered under (the province's own code, as
/// the 2025 provinces kept the code of one of the provinces they merged).
/// </summary>
internal sealed record GeneratedCommune(int Index, Commune Commune, bool IsWard, CommuneProfile Profile, long CenterX, long CenterY,
    string ProvinceName, string CccdCode)
{
    public string Code => Commune.Code;
    public string Name => Commune.Name;
    /// <summary>ODT in a phường (urban residential), ONT in a xã (rural residential).</summary>
    public string ResidentialCode => IsWard ? "ODT" : "ONT";
}

/// <summary>
/// The communes of the provinces asked for (Thành phố Huế, code 46, by default), from the shipped 2025 reference
/// data, in the order asked, with a land profile from Data/commune-profiles.csv (Huế's; elsewhere phường default to
/// urban, xã to rural) and an approximate VN-2000 centre in metres (Huế's layout: mountains to the west, the lagoon
/// to the east; other provinces reuse it, as nothing checks coordinates against a province's map).
/// </summary>
internal static class ProvinceCommunes
{
    public static GeneratedCommune[] Of(IReadOnlyList<string> provinceCodes)
    {
        var profiles = new Dictionary<string, CommuneProfile>(StringComparer.Ordinal);
        foreach (var line in EmbeddedData.Lines("commune-profiles.csv").Skip(1))
        {
            var fields = line.Split(',');
            profiles[fields[0]] = fields[1] switch
            {
                "peri_urban" => CommuneProfile.PeriUrban,
                "lagoon" => CommuneProfile.Lagoon,
                "mountain" => CommuneProfile.Mountain,
                "rural" => CommuneProfile.Rural,
                "urban" => CommuneProfile.Urban,
                var other => throw new InvalidOperationException($"Unknown commune profile '{other}'."),
            };
        }

        var communes = new List<GeneratedCommune>();
        foreach (var code in provinceCodes)
        {
            var province = ReferenceData.Current.Provinces.Single(p => p.Code == code);
            foreach (var commune in ReferenceData.Current.CommunesOf(code))
            {
                var isWard = commune.DivisionType == "phường";
                var profile = profiles.TryGetValue(commune.Code, out var p) ? p : isWard ? CommuneProfile.Urban : CommuneProfile.Rural;
                var (x, y) = Centre(commune.Code, profile);
                communes.Add(new GeneratedCommune(communes.Count, commune, isWard, profile, x, y, province.Name, "0" + code));
            }
        }
        return [.. communes];
    }

    // Fixed per commune code, not per seed: communes do not move between data sets.
    static (long X, long Y) Centre(string code, CommuneProfile profile)
    {
        var hash = SplitMix64.Mix(ulong.Parse(code, System.Globalization.CultureInfo.InvariantCulture));
        var (xMin, xMax, yMin, yMax) = profile switch
        {
            CommuneProfile.Urban => (553_000, 566_000, 1_813_000, 1_825_000),
            CommuneProfile.PeriUrban => (540_000, 580_000, 1_800_000, 1_840_000),
            CommuneProfile.Lagoon => (565_000, 615_000, 1_795_000, 1_845_000),
            CommuneProfile.Mountain => (500_000, 540_000, 1_770_000, 1_810_000),
            _ => (545_000, 600_000, 1_785_000, 1_835_000),
        };
        return (xMin + (long)(hash % (ulong)(xMax - xMin)), yMin + (long)((hash >> 32) % (ulong)(yMax - yMin)));
    }
}
