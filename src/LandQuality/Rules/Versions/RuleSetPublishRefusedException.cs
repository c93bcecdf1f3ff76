namespace LandQuality.Rules.Versions;

/// <summary>
/// A draft whose rules threw on more than <see cref="RuleErrorCounts.PublishLimitPercent"/> % of the sampled
/// parcels: it was not published and the published version stays in force. Published as it is, every
/// such parcel would carry a rule error instead of a verdict on its data.
/// </summary>
public sealed class RuleSetPublishRefusedException(string ruleSet, int version, RuleErrorCounts sample)
    : Exception($"Rule set {ruleSet} v{version} was not published: "
        + string.Join("; ", sample.AboveLimit.Select(sample.English))
        + $" (more than {RuleErrorCounts.PublishLimitPercent} % of the sampled parcels). Fix the rules, "
        + "or publish anyway with a reason: lq rules publish N --force --reason \"why\".")
{
    public RuleErrorCounts Sample { get; } = sample;
}
