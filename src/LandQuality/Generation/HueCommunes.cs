using LandQuality.Reference;

namespace LandQuality.Generation;

/// <summary>Land profile of a commune: which land uses dominate (see Data/land-use-mix.csv).</summary>
internal enum CommuneProfile { Urban, PeriUrban, Rural, Lagoon, Mountain }

/// <summary>One of Huế's 40 communes with what the generator needs to know about it.</summary>
internal sealed record HueCommune(int Index, Commune Commune, bool IsWard, CommuneProfile Profile, long CenterX, long CenterY)
{
    public string Code => Commune.Code;
    public string Name => Commune.Name;
    /// <summary>ODT in a phường (urban residential), ONT in a xã (rural residential).</summary>
    public string ResidentialCode => IsWard ? "ODT" : "ONT";
}

/// <summary>
/// The communes of Thành phố Huế (province code 46) from the reference data, with a land profile
/// from Data/commune-profiles.csv (the city-centre phường default to urban, other xã to rural) and
/// an approximate VN-2000 centre in metres: mountains to the west, the lagoon to the east.
/// </summary>
internal static class HueCommunes
{
    static readonly Lazy<HueCommune[]> Shared = new(Load);
    public static IReadOnlyList<HueCommune> All => Shared.Value;

    static HueCommune[] Load()
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

        var communes = new List<HueCommune>();
        foreach (var commune in ReferenceData.Current.CommunesOf(ReferenceData.HueProvinceCode))
        {
            var isWard = commune.DivisionType == "phường";
            var profile = profiles.TryGetValue(commune.Code, out var p) ? p : isWard ? CommuneProfile.Urban : CommuneProfile.Rural;
            var (x, y) = Centre(commune.Code, profile);
            communes.Add(new HueCommune(communes.Count, commune, isWard, profile, x, y));
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
