namespace LandQuality.Rules.Drafts;

/// <summary>A draft operation refused; the message is Vietnamese, then English.</summary>
public abstract class RuleDraftException(string vi, string en) : Exception($"{vi} — {en}")
{
    /// <summary>The message alone in Vietnamese (the pages show one language at a time).</summary>
    public string Vi { get; } = vi;

    public string En { get; } = en;
}

/// <summary>No such draft of that rule set, or no such rule or version.</summary>
public sealed class RuleDraftNotFoundException(string vi, string en) : RuleDraftException(vi, en)
{
    public static RuleDraftNotFoundException NoRuleSet(string ruleSet) => new($"Không có bộ quy tắc {ruleSet}.", $"There is no rule set {ruleSet}.");

    public static RuleDraftNotFoundException NoVersion(string ruleSet, int version) =>
        new($"Bộ quy tắc {ruleSet} không có phiên bản {version}.", $"Rule set {ruleSet} has no version {version}.");
}

/// <summary>The draft's state does not allow it (editing a submitted draft, approving twice, the published version moved).</summary>
public sealed class RuleDraftStateException(string vi, string en) : RuleDraftException(vi, en);

/// <summary>The author, an editor or the submitter tried to approve.</summary>
public sealed class RuleDraftFourEyesException(string vi, string en) : RuleDraftException(vi, en);
