using LandQuality.Data;
using LandQuality.Rules.Authoring;
using LandQuality.Rules.Versions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LandQuality.Rules.Drafts;

/// <summary>
/// The editor's drafts: opened from any version, changed rule by rule (each change checked before it is
/// kept), previewed, submitted with a change note, and approved by a second policy officer, which stores the
/// content as an immutable version through <see cref="RuleSetStore"/> and publishes it. Every operation
/// records who did it and when (<see cref="RuleDraftEvent"/>).
/// </summary>
public sealed partial class RuleDraftService(Database database)
{
    public async Task<IReadOnlyList<RuleSetSummary>> ListAsync(CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var versions = await db.RuleSetVersions.AsNoTracking().OrderBy(v => v.RuleSet).ThenBy(v => v.Version).ToListAsync(ct);
        var drafts = await db.RuleDrafts.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct);
        return versions.GroupBy(v => v.RuleSet).Select(g => new RuleSetSummary(g.Key,
                g.SingleOrDefault(v => v.Status == RuleSetStatus.Published)?.Version, g.Max(v => v.Version),
                g.Select(v => RuleSetVersionSummary.Of(v, g)).ToList(),
                drafts.Where(d => d.RuleSet == g.Key)
                    .Select(d => new DraftSummary(d.Id, d.FromVersion, RuleDraft.En(d.Status), d.Author, d.CreatedAt, d.ResultingVersion)).ToList()))
            .ToList();
    }

    public async Task<RuleDraft> CreateAsync(string ruleSet, int fromVersion, string by, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var from = await db.RuleSetVersions.AsNoTracking().SingleOrDefaultAsync(v => v.RuleSet == ruleSet && v.Version == fromVersion, ct)
            ?? throw RuleDraftNotFoundException.NoVersion(ruleSet, fromVersion);
        var published = await db.RuleSetVersions.Where(v => v.RuleSet == ruleSet && v.Status == RuleSetStatus.Published)
            .Select(v => (int?)v.Version).SingleOrDefaultAsync(ct);
        var draft = new RuleDraft
        {
            RuleSet = ruleSet, FromVersion = fromVersion, PublishedWhenOpened = published, Content = from.Content, Author = by,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        draft.Edit(from.Content, by, draft.CreatedAt);
        db.RuleDrafts.Add(draft);
        await db.SaveChangesAsync(ct);
        db.RuleDraftEvents.Add(new RuleDraftEvent { DraftId = draft.Id, Action = "created", Rule = null, Actor = by, At = draft.CreatedAt });
        await db.SaveChangesAsync(ct);
        return draft;
    }

    public async Task<DraftView> GetAsync(string ruleSet, long id, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var draft = await FindAsync(db, ruleSet, id, ct);
        var events = await db.RuleDraftEvents.AsNoTracking().Where(e => e.DraftId == id).ToListAsync(ct);
        return DraftView.Of(draft, events);
    }

    /// <exception cref="ConditionRefusedException">The rule does not fit, compile or pass the allow-list; the draft is unchanged.</exception>
    /// <param name="revision">The draft's revision the change was made on (HTTP If-Match); a draft changed since is refused, not overwritten.</param>
    public Task<DraftView> PutRuleAsync(string ruleSet, long id, string rule, RuleForm form, string by, CancellationToken ct, uint? revision = null) =>
        ChangeAsync(ruleSet, id, by, RulePutAction, rule, (d, at) => d.Edit(DraftContent.PutRule(d.Content, rule, form), by, at), ct, revision);

    public Task<DraftView> DeleteRuleAsync(string ruleSet, long id, string rule, string by, CancellationToken ct, uint? revision = null) =>
        ChangeAsync(ruleSet, id, by, RuleDeletedAction, rule, (d, at) => d.Edit(DraftContent.DeleteRule(d.Content, rule), by, at), ct, revision);

    /// <param name="revision">The revision the submitter reviewed: what is submitted is what they saw.</param>
    public Task<DraftView> SubmitAsync(string ruleSet, long id, string note, string by, CancellationToken ct, uint? revision = null) =>
        ChangeAsync(ruleSet, id, by, "submitted", null, (d, at) => d.Submit(note, by, at), ct, revision);

    public Task<DraftView> DiscardAsync(string ruleSet, long id, string by, CancellationToken ct) =>
        ChangeAsync(ruleSet, id, by, "discarded", null, (d, at) => d.Discard(by, at), ct);

    /// <summary>
    /// The draft against the version in force, over the current data (<see cref="ImpactPreview"/>), nothing
    /// stored but the fact that it was previewed.
    /// </summary>
    public Task<ImpactReport> PreviewAsync(string ruleSet, long id, string by, CancellationToken ct) =>
        PreviewAsync(ruleSet, id, by, commune: null, affected: null, ct);

    /// <param name="commune">Only this commune's parcels; null for all.</param>
    /// <param name="affected">Told of each parcel newly failing or passing a rule, in parcel order.</param>
    public async Task<ImpactReport> PreviewAsync(string ruleSet, long id, string by, string? commune, Action<AffectedParcel>? affected,
        CancellationToken ct)
    {
        var (published, candidate) = await ComparedAsync(ruleSet, id, ct);
        var report = await new ImpactPreview(database).RunAsync(published, candidate, commune, affected, progress: null, ct);
        await RecordAsync(id, "previewed", null, by, ct);
        return report;
    }

    /// <summary>The version in force, and the draft's content as a version to compare with it (version 0, not stored).</summary>
    internal async Task<(RuleSetVersion Published, RuleSetVersion Draft)> ComparedAsync(string ruleSet, long id, CancellationToken ct)
    {
        var draft = await LoadAsync(ruleSet, id, ct);
        var published = await new RuleSetStore(database).GetPublishedAsync(ruleSet, ct)
            ?? throw new RuleDraftStateException($"Bộ quy tắc {ruleSet} chưa có phiên bản đang áp dụng để so sánh.", $"Rule set {ruleSet} has no published version to compare with.");
        return (published, new RuleSetVersion { RuleSet = ruleSet, Version = 0, Content = draft.Content, ContentHash = "", Author = draft.Author });
    }

    /// <summary>
    /// A second policy officer approves: the content becomes the rule set's next immutable version and is
    /// published (through the same 1 % rule-error gate as <c>lq rules publish</c>). The author, anyone who
    /// changed the draft and its submitter are refused.
    /// </summary>
    public async Task<int> ApproveAsync(string ruleSet, long id, string by, CancellationToken ct)
    {
        // One approval of a rule set at a time, on every node: two officers approving the same draft (or two drafts
        // opened from the same version) at once would otherwise both store and publish. The second waits, then finds
        // the draft published or the version in force moved, and is refused.
        await using var conn = await database.DataSource.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext($1))", conn))
        {
            take.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"lq:rule-set:approve:{ruleSet}" });
            await take.ExecuteNonQueryAsync(ct);
        }
        try
        {
            return await ApproveLockedAsync(ruleSet, id, by, ct);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext($1))", conn);
            release.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"lq:rule-set:approve:{ruleSet}" });
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    async Task<int> ApproveLockedAsync(string ruleSet, long id, string by, CancellationToken ct)
    {
        var draft = await LoadAsync(ruleSet, id, ct);
        draft.CheckApprover(by);
        var store = new RuleSetStore(database);
        var published = await store.GetPublishedAsync(ruleSet, ct);
        if (published?.Version != draft.PublishedWhenOpened)
            throw new RuleDraftStateException(
                $"Phiên bản đang áp dụng đã đổi (v{draft.PublishedWhenOpened} → v{published?.Version}) từ khi mở bản nháp: mở bản nháp mới từ phiên bản mới.",
                $"The published version changed (v{draft.PublishedWhenOpened} → v{published?.Version}) since the draft was opened: open a new draft from it.");
        if (published is not null && published.ContentHash == RuleSetStore.Hash(draft.Content))
            throw new RuleDraftStateException($"Nội dung giống hệt phiên bản đang áp dụng (v{published.Version}): không có gì để công bố.",
                $"The content is exactly that of the version in force (v{published.Version}): there is nothing to publish.");
        var note = $"{draft.ChangeNote} (bản nháp {id}, duyệt: {by} — draft {id}, approved by {by})";
        var version = await store.AddDraftAsync(ruleSet, draft.Content, draft.Author, note, ct);
        // The content of a version no longer in force (a rollback): stored again as the next version, so history only grows.
        if (version.Status != RuleSetStatus.Draft || version.Version < published?.Version)
            version = await store.AddCopyAsync(version, draft.Author, note, ct);
        await store.PublishAsync(ruleSet, version.Version, by, ct);
        await ChangeAsync(ruleSet, id, by, "approved", null, (d, at) => d.Approve(by, version.Version, at), ct);
        return version.Version;
    }

    async Task<DraftView> ChangeAsync(string ruleSet, long id, string by, string action, string? rule, Action<RuleDraft, DateTimeOffset> change,
        CancellationToken ct, uint? revision = null)
    {
        await using var db = database.CreateContext();
        var draft = await FindAsync(db, ruleSet, id, ct, tracked: true);
        if (revision is { } expected && expected != draft.Revision)
            throw ChangedMeanwhile();
        var at = DateTimeOffset.UtcNow;
        change(draft, at);
        db.RuleDraftEvents.Add(new RuleDraftEvent { DraftId = id, Action = action, Rule = rule, Actor = by, At = at });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ChangedMeanwhile();
        }
        return DraftView.Of(draft, await db.RuleDraftEvents.AsNoTracking().Where(e => e.DraftId == id).ToListAsync(ct));
    }

    static RuleDraftStateException ChangedMeanwhile() =>
        new("Bản nháp vừa được người khác thay đổi: tải lại rồi làm lại.", "Someone else changed the draft meanwhile: reload and try again.");

    internal async Task RecordAsync(long id, string action, string? rule, string by, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        db.RuleDraftEvents.Add(new RuleDraftEvent { DraftId = id, Action = action, Rule = rule, Actor = by, At = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The draft alone, without its history: for reads that need only its content (a trial, the form checked as one types).</summary>
    public async Task<RuleDraft> LoadAsync(string ruleSet, long id, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        return await FindAsync(db, ruleSet, id, ct);
    }

    static async Task<RuleDraft> FindAsync(LandQualityDbContext db, string ruleSet, long id, CancellationToken ct, bool tracked = false) =>
        await (tracked ? db.RuleDrafts : db.RuleDrafts.AsNoTracking()).SingleOrDefaultAsync(d => d.Id == id && d.RuleSet == ruleSet, ct)
        ?? throw new RuleDraftNotFoundException($"Bộ quy tắc {ruleSet} không có bản nháp {id}.", $"Rule set {ruleSet} has no draft {id}.");
}
