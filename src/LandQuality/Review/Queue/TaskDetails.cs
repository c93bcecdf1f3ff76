using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LandQuality.Data;
using LandQuality.Reference;
using LandQuality.Review.Cases;
using LandQuality.Review.Runtime;
using LandQuality.Rules.Helpers;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Review.Queue;

/// <summary>
/// <c>lq review show</c>: everything a reviewer decides on — the whole land record, each owner beside
/// the population registry's record, the open findings, the other parcels behind a cross-record
/// finding, the corrections proposed in this case and the reasons of earlier returns. Not the hot
/// path: plain EF Core queries, one per part.
/// </summary>
public static partial class TaskDetails
{
    const int RelatedLimit = 50;

    /// <summary>
    /// Refused as not found unless the task is the reviewer's to work (their role, or escalated to it, in
    /// their jurisdiction) or the reviewer audits that province: other people's tasks are not disclosed.
    /// </summary>
    public static async Task<TaskDetailsView> LoadAsync(Database database, string userName, long taskId, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        // A dozen queries on one connection: EF would otherwise take one from the pool and reset it for each.
        await db.Database.OpenConnectionAsync(ct);
        var reviewer = await ReviewQueue.ReviewerAsync(db, userName, ct);
        var task = await db.ReviewTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, ct) ?? throw NotFound(taskId);
        var @case = await db.ReviewCases.AsNoTracking().SingleAsync(c => c.Id == task.CaseId, ct);
        var auditsHere = reviewer.Role == Roles.Auditor && ReferenceData.Current.Communes[@case.CommuneCode].ProvinceCode == reviewer.Jurisdiction;
        if (!auditsHere && !ReviewQueue.MayWork(reviewer, task))
            throw NotFound(taskId);
        string? Mask(string? id) => Roles.MaskIdNumber(reviewer.Role, id);

        var parcelId = task.ParcelId;
        var (parcel, record, owners, findings, ids) = await ParcelRecord.LoadAsync(db, parcelId, reviewer.Role, ct);
        var definition = await new WorkflowStore(database).GetAsync(@case.WorkflowId, @case.WorkflowVersion, ct);

        var related = new List<RelatedParcelView>();
        if (findings.Any(f => f.Rule == "duplicate_parcel_key") && parcel.MapSheet is not null && parcel.ParcelNo is not null)
        {
            var same = await db.Parcels.AsNoTracking().Where(p => p.CommuneCode == parcel.CommuneCode && p.MapSheet == parcel.MapSheet
                && p.ParcelNo == parcel.ParcelNo && p.ParcelId != parcelId).OrderBy(p => p.ParcelId).Take(RelatedLimit).ToListAsync(ct);
            var names = await OwnerNamesAsync(db, same.Select(p => p.ParcelId).ToList(), ct);
            related.AddRange(same.Select(p => new RelatedParcelView("duplicate_parcel_key", p.ParcelId, p.CommuneCode, p.MapSheet, p.ParcelNo, null,
                names.GetValueOrDefault(p.ParcelId, []))));
        }
        if (findings.Any(f => f.Rule == "id_number_multiple_names") && ids.Count > 0)
        {
            // Only the ID numbers behind the finding: those written with more than one name (ignoring accents, case and
            // spacing, as the rule counts them); a family's parcels sharing an owner under one name are not listed.
            var holders = await db.Owners.AsNoTracking().Where(o => o.IdNumber != null && ids.Contains(o.IdNumber))
                .Select(o => new { o.ParcelId, IdNumber = o.IdNumber!, o.FullName }).ToListAsync(ct);
            var disputed = holders.GroupBy(h => h.IdNumber)
                .Where(g => g.Select(h => VietnameseName.StripAccents(h.FullName)).Distinct(StringComparer.Ordinal).Count() > 1)
                .SelectMany(g => g).Where(h => h.ParcelId != parcelId)
                .OrderBy(h => h.IdNumber, StringComparer.Ordinal).ThenBy(h => h.ParcelId, StringComparer.Ordinal).Take(RelatedLimit).ToList();
            var others = disputed.Select(h => h.ParcelId).Distinct().ToList();
            var places = await db.Parcels.AsNoTracking().Where(p => others.Contains(p.ParcelId))
                .Select(p => new { p.ParcelId, p.CommuneCode, p.MapSheet, p.ParcelNo }).ToDictionaryAsync(p => p.ParcelId, ct);
            var names = await OwnerNamesAsync(db, others, ct);
            foreach (var h in disputed)
                if (places.TryGetValue(h.ParcelId, out var p))
                    related.Add(new RelatedParcelView("id_number_multiple_names", p.ParcelId, p.CommuneCode, p.MapSheet, p.ParcelNo, Mask(h.IdNumber),
                        names.GetValueOrDefault(p.ParcelId, []), h.FullName));
        }

        var corrections = await db.Corrections.AsNoTracking().Where(c => c.CaseId == @case.Id).OrderBy(c => c.Id).ToListAsync(ct);
        var decided = await db.ReviewTasks.AsNoTracking().Where(t => t.CaseId == @case.Id && t.Status == ReviewTaskStatus.Completed)
            .OrderBy(t => t.Id).ToListAsync(ct);
        var returns = decided.Where(t => t.Decision is { } d && definition.Stage(t.Stage)?.Decision(d)?.To is { } to
                && to.Routes.Any(r => r.To == definition.InitialStage))
            .Select(t => new ReturnView(t.Id, t.Stage, t.Decision!, t.CompletedBy, t.CompletedAt, t.Reason))
            .Concat(await FailedReevaluationsAsync(db, @case, definition.InitialStage, ct))
            .OrderBy(r => r.At).ToList();

        // The record and its findings come masked; the reasons people wrote around them too.
        string? MaskText(string? text) => Roles.MaskIdNumbersIn(reviewer.Role, text);
        return new TaskDetailsView(ReviewQueue.View(task), parcel.CommuneCode, parcel.Address, @case.Round, @case.WorkflowId, @case.WorkflowVersion, record,
            owners, findings, related,
            corrections.Select(c => new CorrectionView(c.Id, c.TaskId, c.Field, MaskField(c.Field, c.Before, Mask), MaskField(c.Field, c.After, Mask),
                c.Actor, c.At, MaskText(c.Reason), c.Status.ToString().ToLowerInvariant(), c.DecidedAt)).ToList(),
            [.. returns.Select(r => r with { Reason = MaskText(r.Reason) })],
            WorkflowRuntime.AvailableDecisions(definition, task.Stage).Select(d => d.Id).ToList());
    }

    /// <summary>
    /// A stored message keeps a <c>$(…)</c> placeholder whose value was null when the rule ran, as
    /// RulesEngine does (e.g. <c>AreaM2=$(input1.AreaM2)</c> for a parcel without an area): to the
    /// reviewer that is a missing value, so it reads as one. Stored messages stay as evaluated.
    /// </summary>
    internal static string FillPlaceholders(string message) => message.Contains("$(", StringComparison.Ordinal)
        ? Placeholder().Replace(message, "(missing)")
        : message;

    [GeneratedRegex(@"\$\(.*?\)")]
    private static partial Regex Placeholder();

    /// <summary>Re-evaluations of this case that found errors still open and sent it back (audit entries <c>reevaluated</c>).</summary>
    static async Task<IEnumerable<ReturnView>> FailedReevaluationsAsync(LandQualityDbContext db, ReviewCase @case, string initialStage, CancellationToken ct)
    {
        var entries = await db.AuditEvents.AsNoTracking().Where(e => e.ParcelId == @case.ParcelId && e.Kind == "reevaluated")
            .OrderBy(e => e.Seq).Select(e => new { e.At, e.Actor, e.Payload }).ToListAsync(ct);
        return entries.Select(e => (e.At, e.Actor, Payload: JsonNode.Parse(e.Payload)))
            .Where(e => (long?)e.Payload?["case_id"] == @case.Id && (string?)e.Payload?["to"] == initialStage)
            .Select(e => new ReturnView(null, "reevaluate", "reevaluated", e.Actor, e.At, "still failing: "
                + string.Join(", ", (e.Payload?["failing"] as JsonArray ?? []).Select(f => (string?)f))))
            .ToList();
    }

    static string? MaskField(string field, string? value, Func<string?, string?> mask) =>
        field.EndsWith(".id_number", StringComparison.Ordinal) ? mask(value) : value;

    static async Task<Dictionary<string, IReadOnlyList<string>>> OwnerNamesAsync(LandQualityDbContext db, List<string> parcelIds, CancellationToken ct) =>
        (await db.Owners.AsNoTracking().Where(o => parcelIds.Contains(o.ParcelId)).OrderBy(o => o.ParcelId).ThenBy(o => o.Seq)
            .Select(o => new { o.ParcelId, o.FullName }).ToListAsync(ct))
        .GroupBy(o => o.ParcelId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(o => o.FullName).ToList());

    static ReviewNotFoundException NotFound(long taskId) => ReviewRefusals.NoTask(taskId);

    internal static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
