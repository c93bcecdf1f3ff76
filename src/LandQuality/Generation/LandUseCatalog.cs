using System.Globalization;
using LandQuality.Reference;

namespace LandQuality.Generation;

/// <summary>One purpose a commune profile assigns: land-use code (RES = the commune's residential code) and area range.</summary>
internal sealed record LandUseOption(string Code, int MinM2, int MaxM2, bool Agricultural)
{
    public bool IsResidential => Code == LandUseCatalog.Residential;
}

/// <summary>
/// The land uses the generator draws from (Data/land-use-mix.csv, checked against the reference
/// list so clean parcels only carry current codes), plus the legacy and unknown codes for defects.
/// </summary>
internal sealed class LandUseCatalog
{
    public const string Residential = "RES";

    static readonly Lazy<LandUseCatalog> Shared = new(() => new LandUseCatalog());
    public static LandUseCatalog Instance => Shared.Value;

    // Codes seen in old registers that are not in Circular 08/2024's list; filtered against the reference data below.
    static readonly string[] UnknownCandidates = ["LUA", "LNK", "LNC", "ODX", "RST", "CSX", "NNK", "DHT", "TMX", "ONX"];

    readonly Dictionary<CommuneProfile, (LandUseOption[] Options, int[] Cumulative)> _mixes = [];
    readonly Dictionary<string, string[]> _legacyFor = new(StringComparer.Ordinal);
    readonly string[] _legacyAgricultural;
    readonly string[] _legacyOther;

    public IReadOnlyList<string> UnknownCodes { get; }

    LandUseCatalog()
    {
        var codes = ReferenceData.Current.LandUseCodes;
        var rows = new Dictionary<CommuneProfile, (List<LandUseOption>, List<int>)>();
        foreach (var line in EmbeddedData.Lines("land-use-mix.csv").Skip(1))
        {
            var f = line.Split(',');
            var profile = Enum.Parse<CommuneProfile>(f[0].Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
            if (f[1] != Residential && !(codes.TryGetValue(f[1], out var info) && info.Status == LandUseStatus.Current))
                throw new InvalidOperationException($"land-use-mix.csv uses '{f[1]}', which is not a current land-use code.");
            if (!rows.TryGetValue(profile, out var list))
                rows[profile] = list = ([], []);
            var isAgricultural = f[1] != Residential && codes[f[1]].Group == "agricultural";
            list.Item1.Add(new LandUseOption(f[1], Int(f[3]), Int(f[4]), isAgricultural));
            list.Item2.Add(Int(f[2]));
        }
        foreach (var (profile, (options, weights)) in rows)
            _mixes[profile] = ([.. options], SplitMix64.Cumulative(weights));

        var agricultural = new List<string>();
        var other = new List<string>();
        foreach (var info in codes.Values.OrderBy(c => c.Code, StringComparer.Ordinal))
        {
            if (info.Status != LandUseStatus.Legacy)
                continue;
            (info.Group == "agricultural" ? agricultural : other).Add(info.Code);
            if (info.MapsTo is { } current)
                _legacyFor[current] = [.. _legacyFor.GetValueOrDefault(current, []), info.Code];
        }
        _legacyAgricultural = [.. agricultural];
        _legacyOther = [.. other];
        UnknownCodes = [.. UnknownCandidates.Where(c => !codes.ContainsKey(c))];
    }

    public LandUseOption Draw(ref SplitMix64 rng, CommuneProfile profile)
    {
        var (options, cumulative) = _mixes[profile];
        return options[rng.Pick(cumulative)];
    }

    /// <summary>Another option of the profile that is neither residential nor <paramref name="code"/>, for a second purpose.</summary>
    public LandUseOption DrawSecondary(ref SplitMix64 rng, CommuneProfile profile, string code)
    {
        var (options, _) = _mixes[profile];
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var option = options[rng.Next(options.Length)];
            if (!option.IsResidential && option.Code != code)
                return option;
        }
        return new LandUseOption(code == "CLN" ? "HNK" : "CLN", 100, 1000, Agricultural: true);
    }

    /// <summary>Whether an older register would have written this current code as a legacy one (HNK → BHK, NTS → TSN, …).</summary>
    public bool HasLegacyForm(string code) => _legacyFor.ContainsKey(code);

    public string LegacyFormOf(string code, ref SplitMix64 rng)
    {
        if (_legacyFor.TryGetValue(code, out var direct))
            return direct[rng.Next(direct.Length)];
        var agricultural = ReferenceData.Current.LandUseCodes.TryGetValue(code, out var info) && info.Group == "agricultural";
        var pool = agricultural ? _legacyAgricultural : _legacyOther;
        return pool[rng.Next(pool.Length)];
    }

    static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
