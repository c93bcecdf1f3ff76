using LandQuality.Rules.Versions;

namespace LandQuality.Rules.Drafts;

/// <summary>The stored versions as the editor reads them, and a rollback: a draft holding an older version's content.</summary>
public sealed partial class RuleDraftService
{
    /// <summary>The event that marks a draft opened to roll back to the version it was opened from.</summary>
    public const string RollbackAction = "opened_for_rollback";
    public const string RulePutAction = "rule_put";
    public const string RuleDeletedAction = "rule_deleted";

    /// <summary>The change note a rollback is submitted with unless its author writes another; in both languages, as version notes are read in either.</summary>
    public static string RollbackNote(int version) => $"Khôi phục v{version} — Roll back to v{version}";

    /// <summary>The versions of <paramref name="ruleSet"/>, oldest first.</summary>
    /// <exception cref="RuleDraftNotFoundException">No such rule set.</exception>
    public async Task<IReadOnlyList<RuleSetVersionSummary>> VersionsAsync(string ruleSet, CancellationToken ct)
    {
        var stored = await new RuleSetStore(database).ListAsync(ruleSet, ct);
        if (stored.Count == 0)
            throw RuleDraftNotFoundException.NoRuleSet(ruleSet);
        return stored.Select(v => RuleSetVersionSummary.Of(v, stored)).ToList();
    }

    /// <exception cref="RuleDraftNotFoundException">No such rule set or version.</exception>
    public async Task<RuleSetVersionView> VersionAsync(string ruleSet, int version, CancellationToken ct)
    {
        var stored = await new RuleSetStore(database).ListAsync(ruleSet, ct);
        var found = stored.SingleOrDefault(v => v.Version == version)
            ?? throw (stored.Count == 0 ? RuleDraftNotFoundException.NoRuleSet(ruleSet) : RuleDraftNotFoundException.NoVersion(ruleSet, version));
        return RuleSetVersionView.Of(found, stored);
    }

    /// <summary>
    /// A draft whose content is exactly <paramref name="version"/>'s, marked as a rollback to it. It goes the way of
    /// every draft — submitted, then approved by a second policy officer — and approval publishes the old content as a
    /// new version (<see cref="ApproveAsync"/>), so four eyes see a rollback too and history only grows.
    /// </summary>
    /// <exception cref="RuleDraftNotFoundException">No such rule set or version.</exception>
    /// <exception cref="RuleDraftStateException">The version's content is the one in force: there is nothing to roll back.</exception>
    public async Task<RuleDraft> RollbackAsync(string ruleSet, int version, string by, CancellationToken ct)
    {
        var store = new RuleSetStore(database);
        var target = await store.GetAsync(ruleSet, version, ct) ?? throw RuleDraftNotFoundException.NoVersion(ruleSet, version);
        if (await store.GetPublishedAsync(ruleSet, ct) is { } published && published.ContentHash == target.ContentHash)
            throw new RuleDraftStateException(
                published.Version == version
                    ? $"Phiên bản {version} đang được áp dụng: không có gì để khôi phục."
                    : $"Phiên bản đang áp dụng (v{published.Version}) có đúng nội dung của v{version}: không có gì để khôi phục.",
                published.Version == version
                    ? $"Version {version} is the one in force: there is nothing to roll back to."
                    : $"The version in force (v{published.Version}) has exactly v{version}'s content: there is nothing to roll back to.");
        var draft = await CreateAsync(ruleSet, version, by, ct);
        await RecordAsync(draft.Id, RollbackAction, null, by, ct);
        return draft;
    }
}
