namespace LandQuality.Rules.Versions;

/// <summary>
/// What a stored version is to someone reading the list of versions. The stored status knows only draft,
/// published and retired, but a draft that a later version was published over is no longer waiting for
/// anything: a fresh database publishes the newest shipped version and stores the older ones as drafts that
/// were never meant to be published. Such a draft is <see cref="Superseded"/>; it can still be published.
/// </summary>
public enum RuleSetStanding
{
    /// <summary>Never published, and no later version has been: waiting to be previewed and published.</summary>
    Draft,
    /// <summary>The version in force.</summary>
    Published,
    /// <summary>Never published; a later version was published instead.</summary>
    Superseded,
    /// <summary>Published once, then replaced.</summary>
    Retired,
}

public static class RuleSetStandings
{
    /// <summary>The standing of <paramref name="version"/> among the stored versions of its rule set (others are ignored).</summary>
    public static RuleSetStanding Of(RuleSetVersion version, IEnumerable<RuleSetVersion> stored) => version.Status switch
    {
        RuleSetStatus.Published => RuleSetStanding.Published,
        RuleSetStatus.Retired => RuleSetStanding.Retired,
        _ => stored.Any(v => v.RuleSet == version.RuleSet && v.Version > version.Version && v.PublishedAt is not null)
            ? RuleSetStanding.Superseded
            : RuleSetStanding.Draft,
    };

    /// <summary>The word for a standing in <paramref name="language"/>: <c>vi</c> or <c>en</c>.</summary>
    public static string Label(this RuleSetStanding standing, string language) => language switch
    {
        "en" => standing.ToString().ToLowerInvariant(),
        "vi" => standing switch
        {
            RuleSetStanding.Draft => "bản nháp",
            RuleSetStanding.Published => "đang áp dụng",
            RuleSetStanding.Superseded => "đã có bản mới hơn",
            RuleSetStanding.Retired => "đã thôi áp dụng",
            _ => throw new ArgumentOutOfRangeException(nameof(standing), standing, null),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "vi or en"),
    };
}
