using LandQuality.Rules.Authoring;
using LandQuality.Rules.Loading;
using RulesEngine.Models;

namespace LandQuality.Rules.Drafts;

/// <summary>
/// One rule of a draft or stored version as the editor shows it: its metadata, the expression (read-only beside the
/// form) and the form it came from.
/// </summary>
public sealed record DraftRuleView(string Workflow, string Name, string? Dimension, string? Severity, string? Stage, string? MessageVi, string? MessageEn,
    bool Enabled, string? Expression, Condition? Condition, IReadOnlyList<ScopedParam> Parameters, IReadOnlyList<string> CitizenPapers)
{
    public static DraftRuleView Of(string workflow, Rule r) => new(workflow, r.RuleName,
        RuleMetadata.Text(r, RuleMetadata.DimensionKey), RuleMetadata.Text(r, RuleMetadata.SeverityKey), RuleMetadata.Text(r, RuleMetadata.StageKey),
        RuleMetadata.Text(r, RuleMetadata.MessageViKey), RuleMetadata.Text(r, RuleMetadata.MessageEnKey), r.Enabled, r.Expression,
        RuleFormBuilder.ConditionOf(r), r.LocalParams?.ToList() ?? [], RuleMetadata.PapersOf(r));

    /// <summary>Every top-level rule of a rule set's JSON, workflow by workflow.</summary>
    public static List<DraftRuleView> AllOf(IEnumerable<Workflow> workflows) =>
        workflows.SelectMany(w => (w.Rules ?? []).Select(r => Of(w.WorkflowName, r))).ToList();
}

public sealed record DraftEventView(string Action, string? Rule, string By, DateTimeOffset At);

/// <summary>A draft with who did what and when, its rules, and its content as it would be stored; <see cref="Revision"/> for If-Match.</summary>
/// <param name="RestoresVersion">The version this draft was opened to roll back to (its content, unchanged when opened); null for an ordinary draft.</param>
/// <param name="EditedSinceRollback">A rule was changed after the draft was opened for rollback: it no longer holds that version's content alone.</param>
public sealed record DraftView(long DraftId, string RuleSet, int FromVersion, string Status, string Author, DateTimeOffset CreatedAt,
    string? UpdatedBy, DateTimeOffset? UpdatedAt, string? ChangeNote, string? SubmittedBy, DateTimeOffset? SubmittedAt,
    string? ApprovedBy, DateTimeOffset? ApprovedAt, int? Version, IReadOnlyList<DraftRuleView> Rules, IReadOnlyList<ScopedParam> GlobalParams,
    IReadOnlyList<DraftEventView> History, string Content, uint Revision, int? RestoresVersion = null, bool EditedSinceRollback = false)
{
    public static DraftView Of(RuleDraft d, IEnumerable<RuleDraftEvent> events)
    {
        var workflows = RuleSetFile.Parse(d.Content);
        var history = events.OrderBy(e => e.Id).Select(e => new DraftEventView(e.Action, e.Rule, e.Actor, e.At)).ToList();
        return new DraftView(d.Id, d.RuleSet, d.FromVersion, RuleDraft.En(d.Status), d.Author, d.CreatedAt, d.UpdatedBy, d.UpdatedAt, d.ChangeNote,
            d.SubmittedBy, d.SubmittedAt, d.ApprovedBy, d.ApprovedAt, d.ResultingVersion, DraftRuleView.AllOf(workflows),
            workflows.SelectMany(w => w.GlobalParams ?? []).ToList(), history, d.Content, d.Revision,
            history.Any(e => e.Action == RuleDraftService.RollbackAction) ? d.FromVersion : null,
            history.SkipWhile(e => e.Action != RuleDraftService.RollbackAction).Any(e => e.Action is RuleDraftService.RulePutAction or RuleDraftService.RuleDeletedAction));
    }
}

/// <summary>A rule set with the version in force, for the editor's list.</summary>
public sealed record RuleSetSummary(string Name, int? PublishedVersion, int LatestVersion, IReadOnlyList<RuleSetVersionSummary> Versions,
    IReadOnlyList<DraftSummary> Drafts);

/// <param name="Status">The version's standing (<see cref="Versions.RuleSetStanding"/>): draft, published, superseded or retired.</param>
public sealed record RuleSetVersionSummary(int Version, string Status, string CreatedBy, DateTimeOffset CreatedAt, string? PublishedBy,
    DateTimeOffset? PublishedAt, string? ChangeNote)
{
    /// <param name="stored">The versions of its rule set, which decide whether a draft was superseded.</param>
    public static RuleSetVersionSummary Of(Versions.RuleSetVersion v, IEnumerable<Versions.RuleSetVersion> stored) =>
        new(v.Version, Versions.RuleSetStandings.Of(v, stored).ToString().ToLowerInvariant(), v.Author, v.CreatedAt, v.PublishedBy, v.PublishedAt, v.ChangeNote);
}

public sealed record DraftSummary(long DraftId, int FromVersion, string Status, string Author, DateTimeOffset CreatedAt, int? Version);
