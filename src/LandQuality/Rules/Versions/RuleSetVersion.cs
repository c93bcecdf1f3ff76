namespace LandQuality.Rules.Versions;

/// <summary>draft → published → retired. Only one version of a rule set is published at a time.</summary>
public enum RuleSetStatus { Draft, Published, Retired }

/// <summary>
/// One immutable version of a rule set: its RulesEngine JSON exactly as submitted, with a content
/// hash, who wrote it, when and why. Only the status moves; the content never changes (the
/// database refuses such an update), so every finding can be traced to the exact rules it ran under.
/// </summary>
public sealed class RuleSetVersion
{
    public long Id { get; init; }
    public required string RuleSet { get; init; }
    public required int Version { get; init; }
    public required string Content { get; init; }
    /// <summary>SHA-256 of <see cref="Content"/> in lower-case hex.</summary>
    public required string ContentHash { get; init; }
    public required string Author { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? ChangeNote { get; init; }
    public RuleSetStatus Status { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public string? PublishedBy { get; private set; }
    /// <summary>Why it was published despite a refusal ("forced: reason (rule X threw for …)"); null for an ordinary publish.</summary>
    public string? PublishNote { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }
    public uint Revision { get; set; }

    public void Publish(string by, DateTimeOffset at, string? note = null)
    {
        if (Status != RuleSetStatus.Draft)
            throw new InvalidOperationException($"{RuleSet} v{Version} is {Status.ToString().ToLowerInvariant()}; only a draft can be published.");
        Status = RuleSetStatus.Published;
        PublishedAt = at;
        PublishedBy = by;
        PublishNote = note;
    }

    public void Retire(DateTimeOffset at)
    {
        if (Status != RuleSetStatus.Published)
            throw new InvalidOperationException($"{RuleSet} v{Version} is not published, so it cannot be retired.");
        Status = RuleSetStatus.Retired;
        RetiredAt = at;
    }
}
