using System.Text.Json.Serialization;
using LandQuality.Reference;

namespace LandQuality.Progress;

/// <summary>
/// What a dashboard covers: a province (its communes, for province staff) or one commune (for a commune's
/// officers), from a reviewer's jurisdiction code. Names are the reference data's, in Vietnamese (NFC).
/// </summary>
public sealed record DashboardScope(string Code, string Name, bool IsProvince, [property: JsonIgnore] IReadOnlyList<Commune> Communes)
{
    public static DashboardScope? ForJurisdiction(string jurisdiction)
    {
        var reference = ReferenceData.Current;
        if (reference.Provinces.FirstOrDefault(p => p.Code == jurisdiction) is { } province)
            return new DashboardScope(province.Code, province.Name, true, reference.CommunesOf(province.Code).ToList());
        return reference.Communes.TryGetValue(jurisdiction, out var commune)
            ? new DashboardScope(commune.Code, commune.Name, false, [commune])
            : null;
    }

    /// <summary>A commune inside this scope, or null: outside the caller's jurisdiction is not found.</summary>
    public DashboardScope? Commune(string code) =>
        Communes.FirstOrDefault(c => c.Code == code) is { } commune ? new DashboardScope(commune.Code, commune.Name, false, [commune]) : null;

    [JsonIgnore]
    public string[] CommuneCodes => Communes.Select(c => c.Code).ToArray();
}
