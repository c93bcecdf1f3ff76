using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LandQuality.Data;
using LandQuality.Rules.Loading;
using LandQuality.Rules.Validation;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Rules.Versions;

/// <summary>A rule-set file that failed its check: nothing was stored and the published version stays in force.</summary>
public sealed class RuleSetRejectedException(string ruleSet, IReadOnlyList<RuleProblem> problems)
    : Exception($"Rule set {ruleSet} was not accepted:\n" + string.Join('\n', problems.Where(p => p.Level == ProblemLevel.Error)))
{
    public IReadOnlyList<RuleProblem> Problems { get; } = problems;
}

/// <summary>
/// Rule-set versions in PostgreSQL: add a draft (checked first), publish (the previous published
/// version is retired in the same transaction), roll back (an older version's content published as
/// a new version — history is never rewritten).
/// </summary>
public sealed class RuleSetStore(Database database)
{
    /// <summary>
    /// Stores <paramref name="content"/> as the next draft; returns the existing version when the same content is already
    /// stored (the newest, when a rollback stored it twice).
    /// </summary>
    public async Task<RuleSetVersion> AddDraftAsync(string ruleSet, string content, string author, string? changeNote, CancellationToken ct)
    {
        var problems = Check(content);
        if (problems.Any(p => p.Level == ProblemLevel.Error))
            throw new RuleSetRejectedException(ruleSet, problems);
        var hash = Hash(content);
        await using var db = database.CreateContext();
        if (await db.RuleSetVersions.Where(v => v.RuleSet == ruleSet && v.ContentHash == hash).OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct) is { } same)
            return same;
        var next = (await db.RuleSetVersions.Where(v => v.RuleSet == ruleSet).MaxAsync(v => (int?)v.Version, ct) ?? 0) + 1;
        var version = new RuleSetVersion
        {
            RuleSet = ruleSet, Version = next, Content = content, ContentHash = hash, Author = author,
            CreatedAt = DateTimeOffset.UtcNow, ChangeNote = changeNote,
        };
        db.RuleSetVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return version;
    }

    /// <summary>Publishes a draft after checking it again and sampling it for rule errors; the published version it replaces is retired.</summary>
    public Task<RuleSetVersion> PublishAsync(string ruleSet, int version, string by, CancellationToken ct) =>
        PublishAsync(ruleSet, version, by, forceReason: null, ct);

    /// <summary>
    /// Publishes a draft after checking it again. Its rules are first run over a sample of the parcels
    /// (<see cref="RuleErrorSample"/>, outside the transaction: it reads for seconds on a full data set);
    /// when one throws on more than <see cref="RuleErrorCounts.PublishLimitPercent"/> % of them the draft
    /// is refused (<see cref="RuleSetPublishRefusedException"/>) unless <paramref name="forceReason"/> says
    /// why to publish anyway — the reason, with what it overrode, is kept as the version's publish note.
    /// The published version it replaces is retired.
    /// </summary>
    public async Task<RuleSetVersion> PublishAsync(string ruleSet, int version, string by, string? forceReason, CancellationToken ct)
    {
        if (forceReason is not null && string.IsNullOrWhiteSpace(forceReason))
            throw new ArgumentException("A forced publish needs a reason (--reason \"why\").", nameof(forceReason));
        var candidate = await GetAsync(ruleSet, version, ct) ?? throw new InvalidOperationException($"Rule set {ruleSet} has no version {version}.");
        var problems = Check(candidate.Content);
        if (problems.Any(p => p.Level == ProblemLevel.Error))
            throw new RuleSetRejectedException(ruleSet, problems);
        // Only a draft can be published (the entity refuses anything else below): no need to sample the rest.
        string? note = null;
        if (candidate.Status == RuleSetStatus.Draft)
        {
            var sample = await new RuleErrorSample(database).RunAsync(candidate.Content, RuleErrorSample.DefaultSize, ct);
            var above = sample.AboveLimit;
            if (forceReason is null && above.Count > 0)
                throw new RuleSetPublishRefusedException(ruleSet, version, sample);
            if (forceReason is not null)
                note = above.Count == 0
                    ? $"forced: {forceReason.Trim()}"
                    : $"forced: {forceReason.Trim()} ({string.Join("; ", above.Select(sample.English))})";
        }
        return await PublishCheckedAsync(ruleSet, version, by, note, ct);
    }

    /// <summary>
    /// Publishes a shipped version without sampling: the shipped sets are tested for rule errors before
    /// they ship, and opening a database must not depend on the data it holds.
    /// </summary>
    internal Task<RuleSetVersion> PublishShippedAsync(string ruleSet, int version, string by, CancellationToken ct) =>
        PublishCheckedAsync(ruleSet, version, by, note: null, ct);

    async Task<RuleSetVersion> PublishCheckedAsync(string ruleSet, int version, string by, string? note, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var draft = await db.RuleSetVersions.SingleOrDefaultAsync(v => v.RuleSet == ruleSet && v.Version == version, ct)
            ?? throw new InvalidOperationException($"Rule set {ruleSet} has no version {version}.");
        var problems = Check(draft.Content);
        if (problems.Any(p => p.Level == ProblemLevel.Error))
            throw new RuleSetRejectedException(ruleSet, problems);
        var now = DateTimeOffset.UtcNow;
        if (await db.RuleSetVersions.SingleOrDefaultAsync(v => v.RuleSet == ruleSet && v.Status == RuleSetStatus.Published, ct) is { } current)
        {
            current.Retire(now);
            await db.SaveChangesAsync(ct); // retire first: the unique index allows one published version
        }
        draft.Publish(by, now, note);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return draft;
    }

    /// <summary>Roll back = publish an older version's content as a new version, so history only grows.</summary>
    public Task<RuleSetVersion> RollbackAsync(string ruleSet, int toVersion, string by, CancellationToken ct) =>
        RollbackAsync(ruleSet, toVersion, by, forceReason: null, ct);

    /// <summary>
    /// Roll back = publish an older version's content as a new version, so history only grows. The copy is
    /// published like any draft, sampled for rule errors: the data may have changed since the old version
    /// was in force. <paramref name="forceReason"/> as for <see cref="PublishAsync(string, int, string, string?, CancellationToken)"/>.
    /// </summary>
    public async Task<RuleSetVersion> RollbackAsync(string ruleSet, int toVersion, string by, string? forceReason, CancellationToken ct)
    {
        var old = await GetAsync(ruleSet, toVersion, ct) ?? throw new InvalidOperationException($"Rule set {ruleSet} has no version {toVersion}.");
        var copy = await AddCopyAsync(old, by, $"rollback to v{toVersion}", ct);
        return await PublishAsync(ruleSet, copy.Version, by, forceReason, ct);
    }

    /// <summary>
    /// Stores <paramref name="old"/>'s content again as the rule set's next version, a draft: unlike
    /// <see cref="AddDraftAsync"/>, which answers the version already holding that content, so that an old version
    /// can be published again without rewriting its history.
    /// </summary>
    public async Task<RuleSetVersion> AddCopyAsync(RuleSetVersion old, string author, string changeNote, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var next = await db.RuleSetVersions.Where(v => v.RuleSet == old.RuleSet).MaxAsync(v => v.Version, ct) + 1;
        var copy = new RuleSetVersion
        {
            RuleSet = old.RuleSet, Version = next, Content = old.Content, ContentHash = old.ContentHash, Author = author,
            CreatedAt = DateTimeOffset.UtcNow, ChangeNote = changeNote,
        };
        db.RuleSetVersions.Add(copy);
        await db.SaveChangesAsync(ct);
        return copy;
    }

    public async Task<RuleSetVersion?> GetAsync(string ruleSet, int version, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        return await db.RuleSetVersions.AsNoTracking().SingleOrDefaultAsync(v => v.RuleSet == ruleSet && v.Version == version, ct);
    }

    public async Task<RuleSetVersion?> GetPublishedAsync(string ruleSet, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        return await db.RuleSetVersions.AsNoTracking().SingleOrDefaultAsync(v => v.RuleSet == ruleSet && v.Status == RuleSetStatus.Published, ct);
    }

    public async Task<List<RuleSetVersion>> ListAsync(string? ruleSet, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        return await db.RuleSetVersions.AsNoTracking().Where(v => ruleSet == null || v.RuleSet == ruleSet)
            .OrderBy(v => v.RuleSet).ThenBy(v => v.Version).ToListAsync(ct);
    }

    /// <summary>The checker's verdict on a file's text; an unreadable file is one error.</summary>
    public static List<RuleProblem> Check(string content)
    {
        try
        {
            return RuleSetChecker.Check(RuleSetFile.Parse(content));
        }
        catch (JsonException e)
        {
            return [new RuleProblem(ProblemLevel.Error, "(file)", null, $"not a RulesEngine workflow file: {e.Message}")];
        }
    }

    public static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
