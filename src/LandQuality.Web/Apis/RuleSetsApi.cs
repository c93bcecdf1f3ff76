using LandQuality.Data;
using LandQuality.Review.Queue;
using LandQuality.Rules.Authoring;
using LandQuality.Rules.Drafts;
using LandQuality.Rules.Runs;
using LandQuality.Rules.Versions;
using LandQuality.Web.Accounts;
using LandQuality.Rules.Drafts.Previews;
using LandQuality.Web.Background;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandQuality.Web.Apis;

public sealed record CreateDraftBody(int FromVersion);

public sealed record CreatedDraft(long DraftId);

public sealed record SubmitBody(string? ChangeNote);

/// <param name="Commune">Only this commune's parcels, for a quick look; the whole data set when left out.</param>
public sealed record PreviewBody(string? Commune = null);

/// <param name="Reevaluation">"started": every parcel is being evaluated under the new version in the background (see GET …/evaluations).</param>
public sealed record ApprovedDraft(int Version, string Reevaluation);

/// <summary>Two versions side by side: every rule that differs with its old and new expression and parameters, and the global params that differ.</summary>
public sealed record VersionDiff(int From, int To, IReadOnlyList<RuleDifference> Rules, IReadOnlyList<ParameterDifference> Parameters);

public sealed record ImpactLineView(string Rule, long NewlyFailing, long NewlyPassing, long FailingNow, long FailingUnderDraft, long RuleErrors,
    IReadOnlyList<string> NewlyFailingExamples, IReadOnlyList<string> NewlyPassingExamples);

public sealed record KeyedImpactLine(string Key, long NewlyFailing, long NewlyPassing, long FailingNow, long FailingUnderDraft);

/// <summary>The impact preview as the editor reads it: per rule (with its rule errors), per dimension, severity and commune.</summary>
/// <param name="CasesWouldOpen">Parcels that pass every error rule now and would fail one: each would need a case.</param>
/// <param name="CasesWouldClose">Parcels that fail an error rule now and would pass them all: their open cases would close as verified.</param>
public sealed record DraftPreview(int PublishedVersion, long Parcels, IReadOnlyList<ImpactLineView> PerRule, IReadOnlyList<KeyedImpactLine> PerDimension,
    IReadOnlyList<KeyedImpactLine> PerSeverity, IReadOnlyList<KeyedImpactLine> PerCommune, IReadOnlyDictionary<string, long> RuleErrors,
    long CasesWouldOpen, long CasesWouldClose)
{
    public static DraftPreview Of(ImpactReport report)
    {
        static List<KeyedImpactLine> Keyed(IReadOnlyList<ImpactLine>? lines) =>
            lines?.Select(l => new KeyedImpactLine(l.Key, l.NewlyFailing, l.NewlyPassing, l.FailingNow, l.FailingUnderDraft)).ToList() ?? [];
        var perRule = report.Rules.Select(l => new ImpactLineView(l.Key, l.NewlyFailing, l.NewlyPassing, l.FailingNow, l.FailingUnderDraft,
                report.RuleErrors.GetValueOrDefault(l.Key), l.FailingExamples ?? [], l.PassingExamples ?? []))
            .Concat(report.RuleErrors.Keys.Where(k => report.Rules.All(l => l.Key != k)).Select(k => new ImpactLineView(k, 0, 0, 0, 0, report.RuleErrors[k], [], [])))
            .ToList();
        var communes = Keyed(report.Communes);
        return new DraftPreview(report.PublishedVersion, report.Parcels, perRule, Keyed(report.Dimensions), Keyed(report.Severities),
            communes, report.RuleErrors, communes.Sum(c => c.NewlyFailing), communes.Sum(c => c.NewlyPassing));
    }
}

/// <summary>
/// The rule editor's API for policy staff, on the same services as <c>lq rules</c>: rule sets and their
/// versions, drafts changed rule by rule (a rule that does not compile or is refused answers 422 with the
/// message and position, the draft unchanged), impact preview, try on a sample, submit, and approval by a
/// second policy officer, which publishes. Every route is policy staff's only; anyone else gets 403.
/// </summary>
public static class RuleSetsApi
{
    public static RouteGroupBuilder MapRuleSetsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/rule-sets").RequireAuthorization(SignInSetup.ApiPolicy).DisableAntiforgery().WithTags("Rule sets")
            .AddEndpointFilter(PolicyStaffOnly);
        api.MapGet("", List);
        api.MapGet("/fields", Fields);
        api.MapGet("/{name}/versions", Versions);
        api.MapGet("/{name}/versions/{version:int}", Version);
        api.MapPost("/{name}/versions/{version:int}/rollback", Rollback);
        api.MapGet("/{name}/diff", Diff);
        api.MapGet("/{name}/evaluations", Evaluations);
        api.MapPost("/{name}/drafts", Create);
        api.MapGet("/{name}/drafts/{draftId:long}", Show);
        api.MapDelete("/{name}/drafts/{draftId:long}", Discard);
        api.MapPut("/{name}/drafts/{draftId:long}/rules/{rule}", PutRule);
        api.MapDelete("/{name}/drafts/{draftId:long}/rules/{rule}", DeleteRule);
        api.MapPost("/{name}/drafts/{draftId:long}/preview", Preview);
        api.MapGet("/{name}/drafts/{draftId:long}/preview/parcels.csv", AffectedParcels);
        api.MapDraftPreviews();
        api.MapPost("/{name}/drafts/{draftId:long}/try", Try);
        api.MapPost("/{name}/drafts/{draftId:long}/submit", Submit);
        api.MapPost("/{name}/drafts/{draftId:long}/approve", Approve);
        return api;
    }

    /// <summary>Rules are policy; only policy staff read or change them, so one check covers every route.</summary>
    static async ValueTask<object?> PolicyStaffOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Reviewer().Role == Roles.PolicyStaff
            ? await next(context)
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Không có quyền — Forbidden",
                detail: "Chỉ cán bộ chính sách được xem và sửa quy tắc. — Only policy staff may read and change rules.");

    static async Task<Ok<IReadOnlyList<RuleSetSummary>>> List(Database database, CancellationToken ct) =>
        TypedResults.Ok(await new RuleDraftService(database).ListAsync(ct));

    static Ok<RuleReference> Fields() => TypedResults.Ok(RuleReference.Current);

    static async Task<Ok<IReadOnlyList<RuleSetVersionSummary>>> Versions(string name, Database database, CancellationToken ct) =>
        TypedResults.Ok(await new RuleDraftService(database).VersionsAsync(name, ct));

    static async Task<Ok<RuleSetVersionView>> Version(string name, int version, Database database, CancellationToken ct) =>
        TypedResults.Ok(await new RuleDraftService(database).VersionAsync(name, version, ct));

    /// <summary>
    /// A draft holding <paramref name="version"/>'s content, to be submitted and approved by a second policy officer like
    /// any draft; approval publishes it as a new version. 409 when that content is the one in force.
    /// </summary>
    static async Task<Created<CreatedDraft>> Rollback(string name, int version, HttpContext context, Database database, CancellationToken ct)
    {
        var draft = await new RuleDraftService(database).RollbackAsync(name, version, context.Reviewer().UserName, ct);
        return TypedResults.Created($"/api/rule-sets/{Uri.EscapeDataString(name)}/drafts/{draft.Id}", new CreatedDraft(draft.Id));
    }

    static async Task<Ok<VersionDiff>> Diff(string name, int from, int to, Database database, CancellationToken ct)
    {
        var store = new RuleSetStore(database);
        var a = await store.GetAsync(name, from, ct) ?? throw RuleDraftNotFoundException.NoVersion(name, from);
        var b = await store.GetAsync(name, to, ct) ?? throw RuleDraftNotFoundException.NoVersion(name, to);
        return TypedResults.Ok(new VersionDiff(from, to, RuleSetDiff.Compare(a.Content, b.Content), RuleSetDiff.CompareParameters(a.Content, b.Content)));
    }

    static async Task<Created<CreatedDraft>> Create(string name, CreateDraftBody body, HttpContext context, Database database, CancellationToken ct)
    {
        var draft = await new RuleDraftService(database).CreateAsync(name, body.FromVersion, context.Reviewer().UserName, ct);
        return TypedResults.Created($"/api/rule-sets/{Uri.EscapeDataString(name)}/drafts/{draft.Id}", new CreatedDraft(draft.Id));
    }

    static async Task<Ok<DraftView>> Show(string name, long draftId, HttpContext context, Database database, CancellationToken ct) =>
        TypedResults.Ok(WithETag(context, await new RuleDraftService(database).GetAsync(name, draftId, ct)));

    /// <summary>Gives a draft up: it stays, with who discarded it and when, but can no longer change, be submitted or approved.</summary>
    static async Task<Ok<DraftView>> Discard(string name, long draftId, HttpContext context, Database database, CancellationToken ct) =>
        TypedResults.Ok(WithETag(context, await new RuleDraftService(database).DiscardAsync(name, draftId, context.Reviewer().UserName, ct)));

    static async Task<Ok<DraftRuleView>> PutRule(string name, long draftId, string rule, RuleForm body, HttpContext context, Database database, CancellationToken ct)
    {
        var draft = await new RuleDraftService(database).PutRuleAsync(name, draftId, rule, body, context.Reviewer().UserName, ct, IfMatch(context));
        return TypedResults.Ok(WithETag(context, draft).Rules.Single(r => r.Name == rule));
    }

    static async Task<NoContent> DeleteRule(string name, long draftId, string rule, HttpContext context, Database database, CancellationToken ct)
    {
        WithETag(context, await new RuleDraftService(database).DeleteRuleAsync(name, draftId, rule, context.Reviewer().UserName, ct, IfMatch(context)));
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The draft's revision the client changed (<c>If-Match: "R"</c>, from the ETag of its last read or change), so two
    /// officers editing one draft do not overwrite each other unseen; none means "whatever it is now".
    /// </summary>
    static uint? IfMatch(HttpContext context) =>
        context.Request.Headers.IfMatch.FirstOrDefault() is { } tag && uint.TryParse(tag.Trim().Trim('"'), System.Globalization.CultureInfo.InvariantCulture, out var r)
            ? r : null;

    static DraftView WithETag(HttpContext context, DraftView draft)
    {
        context.Response.Headers.ETag = $"\"{draft.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";
        return draft;
    }

    /// <summary>
    /// The preview while the client waits: a commune's parcels in moments, the whole data set in about a full evaluation's
    /// time (kept for scripts and checks; people use the background form, <see cref="DraftPreviewsApi"/>).
    /// </summary>
    static async Task<Ok<DraftPreview>> Preview(string name, long draftId, PreviewBody? body, HttpContext context, Database database, CancellationToken ct) =>
        TypedResults.Ok(DraftPreview.Of(await new RuleDraftService(database).PreviewAsync(name, draftId, context.Reviewer().UserName, body?.Commune, null, ct)));

    /// <summary>
    /// Every parcel the draft would newly fail or pass, one line per parcel and rule (<c>parcel_id,commune_code,rule,change</c>),
    /// written as the preview finds them, for the whole data set or <paramref name="commune"/>.
    /// </summary>
    internal static async Task AffectedParcels(string name, long draftId, HttpContext context, Database database, CancellationToken ct, string? commune = null)
    {
        var lines = new List<string>();
        await new RuleDraftService(database).PreviewAsync(name, draftId, context.Reviewer().UserName, commune,
            parcel => lines.Add(AffectedParcelsCsv.Line(parcel)), ct);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}-draft-{draftId}-affected.csv\"";
        await context.Response.WriteAsync(AffectedParcelsCsv.Header, ct);
        foreach (var line in lines)
            await context.Response.WriteAsync(line + "\n", ct);
    }

    static async Task<Ok<TrialReport>> Try(string name, long draftId, TrialRequest body, HttpContext context, Database database, CancellationToken ct) =>
        TypedResults.Ok(await new DraftTrial(database).RunAsync(name, draftId, body, context.Reviewer().UserName, ct));

    static async Task<Ok<DraftView>> Submit(string name, long draftId, SubmitBody body, HttpContext context, Database database, CancellationToken ct) =>
        TypedResults.Ok(WithETag(context, await new RuleDraftService(database).SubmitAsync(name, draftId, body.ChangeNote ?? "", context.Reviewer().UserName, ct,
            IfMatch(context))));

    static async Task<Ok<ApprovedDraft>> Approve(string name, long draftId, HttpContext context, Database database, Reevaluation reevaluation, CancellationToken ct)
    {
        var by = context.Reviewer().UserName;
        var version = await new RuleDraftService(database).ApproveAsync(name, draftId, by, ct);
        return TypedResults.Ok(new ApprovedDraft(version, reevaluation.Enqueue(name, by) ? "started" : "not_started"));
    }

    /// <summary>The rule set's evaluation runs, newest first: how the re-evaluation after a publish goes.</summary>
    static async Task<Ok<List<EvaluationRunView>>> Evaluations(string name, Database database, CancellationToken ct, int limit = 20) =>
        TypedResults.Ok(await new RuleSetRuns(database).ListAsync(name, version: null, limit, ct)
            ?? throw RuleDraftNotFoundException.NoRuleSet(name));
}
