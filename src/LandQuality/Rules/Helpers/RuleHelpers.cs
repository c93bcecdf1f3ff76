namespace LandQuality.Rules.Helpers;

/// <summary>The helper classes rule expressions may call, for <c>ReSettings.CustomTypes</c>.</summary>
public static class RuleHelpers
{
    public static Type[] CustomTypes { get; } =
    [
        typeof(VietnameseName),
        typeof(IdNumbers),
        typeof(LandUse),
        typeof(Areas),
        typeof(Dates),
        typeof(Texts),
    ];
}
