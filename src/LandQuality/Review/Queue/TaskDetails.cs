using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LandQuality.Data;
using LandQuality.Reference;
using LandQuality.Review.Cases;
using LandQuality.Review.Runtime;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Queue;

/// <summary>
/// <c>lq review show</c>, the case page and <c>GET /api/tasks/{id}</c>: everything a reviewer decides on — the whole
/// land record, each owner beside the population registry's record, the open findings, the other parcels behind a
/// cross-record finding, the corrections proposed in this case and the reasons of earlier returns. Every reviewer's
/// step reads one, so it is one batch of statements and one round trip.
/// </summary>
public static partial class TaskDetails
{
    const int RelatedLimit = 50;

    /// <summary>
    /// Refused as not found unless the task is the reviewer's to work (their role, or escalated to it, in
    /// their jurisdiction) or the reviewer audits that province: other people's tasks are not disclosed.
    /// </summary>
    public static Task<TaskDetailsView> LoadAsync(Database database, string userName, long taskId, CancellationToken ct) =>
        LoadAsync(database, userName, known: null, taskId, ct);

    /// <summary>As <see cref="LoadAsync(Database, string, long, CancellationToken)"/> for a reviewer already read (the web's signed-in account).</summary>
    public static Task<TaskDetailsView> LoadAsync(Database database, Reviewer reviewer, long taskId, CancellationToken ct) =>
        LoadAsync(database, reviewer.UserName, reviewer, taskId, ct);

    static async Task<TaskDetailsView> LoadAsync(Database database, string userName, Reviewer? known, long taskId, CancellationToken ct)
    {
        const string ParcelKey = "(SELECT parcel_id FROM review_tasks WHERE id = $1)";
        const string CaseKey = "(SELECT case_id FROM review_tasks WHERE id = $1)";
        await using var batch = database.Quick.CreateBatch();
        if (known is null)
            batch.BatchCommands.Add(Of("SELECT role, jurisdiction FROM reviewers WHERE user_name = $1", Value(userName)));
        batch.BatchCommands.Add(Of($"""
            SELECT {TaskRow.Columns.Sql}, {CaseRow.Columns.Sql} FROM review_tasks t JOIN review_cases c ON c.id = t.case_id WHERE t.id = $1
            """, Value(taskId)));
        ParcelRecord.AddReads(batch, ParcelKey, () => Value(taskId));
        batch.BatchCommands.Add(Of($"""
            SELECT id, task_id, field, before, after, actor, at, reason, status, decided_at FROM corrections WHERE case_id = {CaseKey} ORDER BY id
            """, Value(taskId)));
        batch.BatchCommands.Add(Of($"""
            SELECT id, stage, decision, completed_by, completed_at, reason FROM review_tasks
            WHERE case_id = {CaseKey} AND status = 'Completed' ORDER BY id
            """, Value(taskId)));
        batch.BatchCommands.Add(Of($"SELECT at, actor, payload FROM audit_events WHERE parcel_id = {ParcelKey} AND kind = 'reevaluated' ORDER BY seq",
            Value(taskId)));
        AddRelatedReads(batch, ParcelKey, () => Value(taskId));

        var (reviewer, task, @case, parcel, corrections, decided, reevaluations, related) = await ReadAsync(batch, userName, known, taskId, ct);
        var definition = await new WorkflowStore(database).GetAsync(@case.WorkflowId, @case.WorkflowVersion, ct);
        var returns = decided.Where(t => definition.Stage(t.Stage)?.Decision(t.Decision)?.To is { } to && to.Routes.Any(r => r.To == definition.InitialStage))
            .Concat(FailedReevaluations(reevaluations, @case.Id, definition.InitialStage))
            .OrderBy(r => r.At).ToList();

        // The record and its findings come masked; the reasons people wrote around them too.
        string? Mask(string? id) => Roles.MaskIdNumber(reviewer.Role, id);
        string? MaskText(string? text) => Roles.MaskIdNumbersIn(reviewer.Role, text);
        return new TaskDetailsView(ReviewQueue.View(task), parcel.Record.CommuneCode, parcel.Record.Address, @case.Round, @case.WorkflowId,
            @case.WorkflowVersion, parcel.Record, parcel.Owners, parcel.Findings, related,
            corrections.Select(c => c with { Before = MaskField(c.Field, c.Before, Mask), After = MaskField(c.Field, c.After, Mask), Reason = MaskText(c.Reason) })
                .ToList(),
            [.. returns.Select(r => r with { Reason = MaskText(r.Reason) })],
            WorkflowRuntime.AvailableDecisions(definition, task.Stage).Select(d => d.Id).ToList());
    }

    /// <summary>
    /// The batch's results, refused as not found before the record is read when the task is not the reviewer's. The reader is
    /// disposed here, once, before anything else is asked of the pool: Npgsql reuses one reader per connection.
    /// </summary>
    sealed record CaseRead(Reviewer Reviewer, ReviewTask Task, ReviewCase Case, ParcelRecord Parcel, List<CorrectionView> Corrections,
        List<ReturnView> Decided, List<(DateTimeOffset At, string Actor, string Payload)> Reevaluations, List<RelatedParcelView> Related);

    static async Task<CaseRead> ReadAsync(NpgsqlBatch batch, string userName, Reviewer? known, long taskId, CancellationToken ct)
    {
        await using var r = await batch.ExecuteReaderAsync(ct);
        var reviewer = known ?? await ReadReviewerAsync(r, userName, ct);
        if (!await r.ReadAsync(ct))
            throw NotFound(taskId);
        var task = TaskRow.Read(r);
        var @case = CaseRow.Read(r, first: TaskRow.Columns.Count);
        var auditsHere = reviewer.Role == Roles.Auditor && ReferenceData.Current.Communes[@case.CommuneCode].ProvinceCode == reviewer.Jurisdiction;
        if (!auditsHere && !ReviewQueue.MayWork(reviewer, task))
            throw NotFound(taskId);
        await r.NextResultAsync(ct);
        var parcel = await ParcelRecord.ReadAsync(r, reviewer.Role, ct) ?? throw NotFound(taskId);
        await r.NextResultAsync(ct);
        var corrections = new List<CorrectionView>();
        while (await r.ReadAsync(ct))
            corrections.Add(new CorrectionView(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetStringOrNull(3), r.GetStringOrNull(4),
                r.GetString(5), r.GetFieldValue<DateTimeOffset>(6), r.GetStringOrNull(7), r.GetString(8).ToLowerInvariant(),
                r.GetValueOrNull<DateTimeOffset>(9)));
        await r.NextResultAsync(ct);
        var decided = new List<ReturnView>();
        while (await r.ReadAsync(ct))
            decided.Add(new ReturnView(r.GetInt64(0), r.GetString(1), r.GetStringOrNull(2) ?? "", r.GetStringOrNull(3),
                r.GetValueOrNull<DateTimeOffset>(4), r.GetStringOrNull(5)));
        await r.NextResultAsync(ct);
        var reevaluations = new List<(DateTimeOffset At, string Actor, string Payload)>();
        while (await r.ReadAsync(ct))
            reevaluations.Add((r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), r.GetString(2)));
        await r.NextResultAsync(ct);
        var related = await ReadRelatedAsync(r, task.ParcelId, reviewer.Role, ct);
        return new CaseRead(reviewer, task, @case, parcel, corrections, decided, reevaluations, related);
    }

    static async Task<Reviewer> ReadReviewerAsync(NpgsqlDataReader r, string userName, CancellationToken ct)
    {
        var reviewer = await r.ReadAsync(ct)
            ? new Reviewer { UserName = userName, FullName = "", Role = r.GetString(0), Jurisdiction = r.GetString(1) }
            : throw ReviewRefusals.NotRegistered(userName);
        await r.NextResultAsync(ct);
        return reviewer;
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
    static IEnumerable<ReturnView> FailedReevaluations(List<(DateTimeOffset At, string Actor, string Payload)> entries, long caseId, string initialStage) =>
        entries.Select(e => (e.At, e.Actor, Payload: JsonNode.Parse(e.Payload)))
            .Where(e => (long?)e.Payload?["case_id"] == caseId && (string?)e.Payload?["to"] == initialStage)
            .Select(e => new ReturnView(null, "reevaluate", "reevaluated", e.Actor, e.At, "still failing: "
                + string.Join(", ", (e.Payload?["failing"] as JsonArray ?? []).Select(f => (string?)f))));

    static string? MaskField(string field, string? value, Func<string?, string?> mask) =>
        field.EndsWith(".id_number", StringComparison.Ordinal) ? mask(value) : value;

    static ReviewNotFoundException NotFound(long taskId) => ReviewRefusals.NoTask(taskId);

    internal static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
