using LandQuality.Reference;

namespace LandQuality.Rules.Helpers;

/// <summary>
/// Land-use purpose codes (mục đích sử dụng đất) against <see cref="ReferenceData.Current"/>.
/// Codes are compared exactly after trimming: the national list is upper case, so "ont" is unknown.
/// </summary>
public static class LandUse
{
    static readonly string[] ResidentialCodes = ["ONT", "ODT"];

    /// <summary>On the list, current or legacy.</summary>
    public static bool IsKnown(string? code) => Find(code) is not null;

    /// <summary>A code of the current list (Law on Land 2024).</summary>
    public static bool IsCurrent(string? code) => Find(code)?.Status == LandUseStatus.Current;

    /// <summary>A code that was valid before and should be converted.</summary>
    public static bool IsLegacy(string? code) => Find(code)?.Status == LandUseStatus.Legacy;

    /// <summary>The current code a legacy code converts to; null for current, unknown or missing codes.</summary>
    public static string? MapsTo(string? code) => Find(code) is { Status: LandUseStatus.Legacy } info ? info.MapsTo : null;

    /// <summary>Residential land (đất ở): ONT in rural, ODT in urban areas.</summary>
    public static bool IsResidential(string? code) => Find(code) is { } info && ResidentialCodes.Contains(info.Code, StringComparer.Ordinal);

    static LandUseCodeInfo? Find(string? code) =>
        code is not null && ReferenceData.Current.LandUseCodes.TryGetValue(code.Trim(), out var info) ? info : null;
}
