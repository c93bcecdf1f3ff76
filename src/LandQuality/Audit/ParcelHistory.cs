using System.Globalization;
using System.Text.Json;
using LandQuality.Data;
using LandQuality.Review.Queue;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Audit;

/// <summary>One line of a parcel's cleaning history: when, who, what kind of step, and the step told in words.</summary>
public sealed record HistoryLine(DateTimeOffset At, string Actor, string Kind, string Details, int? Seq = null);

/// <summary>
/// <c>lq audit show PARCEL</c>: the parcel's hash chain told as one story — imported from a file and
/// line, evaluated under a version with its findings, case opened, claimed, corrected (before → after),
/// approved, re-evaluated, verified. Every line is an entry of the chain. Parcels whose chains began
/// before imports and evaluations were chained get, from the tables, the import that wrote them and
/// the runs that stored findings for them — never a run that did not look at the parcel.
/// </summary>
public static class ParcelHistory
{
    /// <param name="maskFor">The reader's role: ID numbers in the lines' text are masked as that role reads them (null: whole, for the CLI).</param>
    public static async Task<List<HistoryLine>> LoadAsync(Database database, string parcelId, CancellationToken ct, string lang = "vi", string? maskFor = null)
    {
        await using var db = database.CreateContext();
        var parcel = await db.Parcels.AsNoTracking().SingleOrDefaultAsync(p => p.ParcelId == parcelId, ct)
            ?? throw new InvalidOperationException($"There is no parcel {parcelId}.");
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.ParcelId == parcelId).OrderBy(e => e.Seq).ToListAsync(ct);
        var lines = events.Select(e => new HistoryLine(e.At, e.Actor, e.Kind, HistoryText.Describe(e.Kind, e.Payload, lang), e.Seq)).ToList();

        if (!events.Exists(e => e.Kind == "imported"))
        {
            var import = await db.Imports.AsNoTracking().Include(i => i.Files).SingleOrDefaultAsync(i => i.Id == parcel.ImportId, ct);
            if (import is not null)
                lines.Add(new HistoryLine(import.StartedAt, import.ImportedBy, "import",
                    $"import #{import.Id} from {import.Source}: " + string.Join(", ", import.Files.Select(f => $"{f.FileName} sha256 {f.Sha256[..12]}…"))));
        }
        if (!events.Exists(e => e.Kind == "evaluated"))
        {
            // Only runs that stored something for this parcel: its current status's run and runs with its findings.
            var status = await db.ParcelStatuses.AsNoTracking().SingleOrDefaultAsync(s => s.ParcelId == parcelId, ct);
            var runIds = await db.Findings.AsNoTracking().Where(f => f.ParcelId == parcelId).Select(f => f.RunId).Distinct().ToListAsync(ct);
            if (status is not null)
                runIds.Add(status.RunId);
            var runs = await db.EvaluationRuns.AsNoTracking().Where(r => runIds.Contains(r.Id))
                .Join(db.RuleSetVersions, r => r.RuleSetVersionId, v => v.Id, (r, v) => new { r.Id, r.StartedAt, r.StartedBy, v.RuleSet, v.Version })
                .ToListAsync(ct);
            var findings = (await db.Findings.AsNoTracking().Where(f => runIds.Contains(f.RunId) && f.ParcelId == parcelId).ToListAsync(ct))
                .ToLookup(f => f.RunId);
            foreach (var r in runs)
            {
                var failed = findings[r.Id].Select(f => f.RuleName).ToList();
                lines.Add(new HistoryLine(r.StartedAt, r.StartedBy, "evaluation",
                    $"run #{r.Id} under {r.RuleSet} v{r.Version}: " + (failed.Count == 0 ? "passes every rule" : "fails " + string.Join(", ", failed))));
            }
        }
        return lines.OrderBy(l => l.At).ThenBy(l => l.Seq ?? 0)
            .Select(l => maskFor is null ? l : l with { Details = Roles.MaskIdNumbersIn(maskFor, l.Details)! }).ToList();
    }
}

/// <summary>A chain entry's payload told in words, Vietnamese first (<c>lang</c> "en" for English); unknown kinds show their JSON.</summary>
public static class HistoryText
{
    public static string Describe(string kind, string payload, string lang)
    {
        using var doc = JsonDocument.Parse(payload);
        var p = doc.RootElement;
        var en = lang == "en";
        string S(string name) => p.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : "";
        string List(string name) => p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0
            ? string.Join(", ", v.EnumerateArray().Select(x => x.ToString())) : "";
        return kind switch
        {
            "imported" => Imported(p, en),
            "evaluated" => Evaluated(p, en, List),
            "case_opened" => en ? $"case #{S("case_id")} opened ({S("workflow")} v{S("workflow_version")}, stage {S("stage")}, evaluation run #{S("evaluation_run")}, {S("error_findings")} error finding(s))"
                                : $"mở hồ sơ #{S("case_id")} ({S("workflow")} v{S("workflow_version")}, bước {S("stage")}, lần đánh giá #{S("evaluation_run")}, {S("error_findings")} lỗi)",
            "task_opened" => en ? $"task #{S("task_id")} for {S("role")} of {S("jurisdiction")} (stage {S("stage")}, due {Date(S("due_at"))})"
                                : $"giao việc #{S("task_id")} cho {S("role")} tại {S("jurisdiction")} (bước {S("stage")}, hạn {Date(S("due_at"))})",
            "task_claimed" => en ? $"task #{S("task_id")} claimed" : $"nhận việc #{S("task_id")}",
            "correction_proposed" => (en ? "correction proposed: " : "đề xuất sửa: ") + $"{S("field")} '{S("before")}' → '{S("after")}'" + Reason(S("reason"), en),
            "correction_applied" => (en ? "correction applied: " : "đã sửa: ") + $"{S("field")} '{S("before")}' → '{S("after")}'"
                + (S("owner") is { Length: > 0 } owner ? (en ? $" (now owner {owner})" : $" (nay là chủ thứ {owner})") : "")
                + $" ({(en ? "proposed by" : "đề xuất bởi")} {S("proposed_by")})",
            "decision" => (en ? $"decision '{S("decision")}' at stage {S("stage")} → {S("to")}" : $"quyết định '{S("decision")}' tại bước {S("stage")} → {S("to")}") + Reason(S("reason"), en),
            "reevaluated" => (en ? $"re-evaluated (run #{S("evaluation_run")}, {S("rule_set")} v{S("rule_set_version")}): {(S("verified") == "True" ? "passes every error rule" : "still fails " + List("failing"))} → {S("to")}"
                                : $"đánh giá lại (lần #{S("evaluation_run")}, {S("rule_set")} v{S("rule_set_version")}): {(S("verified") == "True" ? "đạt mọi quy tắc lỗi" : "vẫn lỗi " + List("failing"))} → {S("to")}")
                + (List("also_reevaluated") is { Length: > 0 } also ? (en ? $"; also re-evaluated: {also}" : $"; đánh giá lại cả: {also}") : ""),
            "case_closed" => en ? $"case #{S("case_id")} closed: {S("outcome")}{(S("by") is { Length: > 0 } by ? $" by the {by}" : "")}" + Reason(S("reason"), en)
                                : $"đóng hồ sơ #{S("case_id")}: {(S("outcome") == "verified" ? "đã xác minh" : S("outcome"))}{(S("by") is { Length: > 0 } ? " (hệ thống)" : "")}" + Reason(S("reason"), en),
            "case_reopened" => (en ? $"case #{S("case_id")} reopened at stage {S("stage")}" : $"mở lại hồ sơ #{S("case_id")} tại bước {S("stage")}") + Reason(S("reason"), en),
            "parcel_retired" => (en ? $"retired as a duplicate of {S("into")} (case #{S("case_id")})" : $"loại bỏ vì trùng với thửa {S("into")} (hồ sơ #{S("case_id")})") + Reason(S("reason"), en),
            "task_withdrawn" => (en ? $"task #{S("task_id")} withdrawn" : $"rút việc #{S("task_id")}") + Reason(S("reason"), en),
            "attachment_added" => en ? $"attached {S("file_name")} ({S("content_type")}, {S("bytes")} bytes, SHA-256 {S("sha256")[..Math.Min(12, S("sha256").Length)]}…) to case #{S("case_id")}"
                                     : $"đính kèm {S("file_name")} ({S("content_type")}, {S("bytes")} byte, SHA-256 {S("sha256")[..Math.Min(12, S("sha256").Length)]}…) vào hồ sơ #{S("case_id")}",
            "attachment_downloaded" => en ? $"downloaded attachment #{S("attachment_id")} of case #{S("case_id")}" : $"tải xuống tệp đính kèm #{S("attachment_id")} của hồ sơ #{S("case_id")}",
            "id_numbers_revealed" => (en ? $"whole ID numbers shown to role {S("role")}" : $"xem số định danh đầy đủ (vai trò {S("role")})") + Reason(S("reason"), en),
            "escalated" => en ? $"task #{S("task_id")} overdue, escalated to {S("to_role")}" : $"việc #{S("task_id")} quá hạn, chuyển lên {S("to_role")}",
            _ => payload,
        };
    }

    /// <summary>A stored timestamp as people read it here: dd/MM/yyyy HH:mm (UTC).</summary>
    static string Date(string iso) => DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
        ? at.UtcDateTime.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : iso;

    static string Reason(string reason, bool en) => reason.Length == 0 ? "" : (en ? $"; reason: {reason}" : $"; lý do: {reason}");

    static string Imported(JsonElement p, bool en)
    {
        var lines = p.TryGetProperty("lines", out var l) ? string.Join(", ", l.EnumerateArray().Select(x =>
            $"{x.GetProperty("file").GetString()} {(en ? "line" : "dòng")} {x.GetProperty("line").GetInt64().ToString(CultureInfo.InvariantCulture)}")) : "";
        var head = en ? $"imported (import #{p.GetProperty("import_id")}) from {lines}" : $"nhập (lần nhập #{p.GetProperty("import_id")}) từ {lines}";
        if (p.TryGetProperty("created", out var c) && c.GetBoolean())
            return head + (en ? ": record created" : ": tạo mới hồ sơ");
        var changes = p.GetProperty("changes").EnumerateObject()
            .Select(f => $"{f.Name} '{f.Value[0]}' → '{f.Value[1]}'");
        return head + ": " + string.Join("; ", changes);
    }

    static string Evaluated(JsonElement p, bool en, Func<string, string> list)
    {
        var verified = p.GetProperty("verified").GetBoolean();
        var head = en
            ? $"evaluated under {p.GetProperty("rule_set")} v{p.GetProperty("rule_set_version")} (run #{p.GetProperty("evaluation_run")}): {(verified ? "passes every error rule" : "fails")}"
            : $"đánh giá theo {p.GetProperty("rule_set")} v{p.GetProperty("rule_set_version")} (lần #{p.GetProperty("evaluation_run")}): {(verified ? "đạt mọi quy tắc lỗi" : "chưa đạt")}";
        if (!verified && p.TryGetProperty("failing_dimensions", out var dims) && dims.GetArrayLength() > 0)
            head += " (" + string.Join(", ", dims.EnumerateArray().Select(d => d.GetString() is { } name && !en ? Rules.Runs.Names.Vietnamese(name) : d.GetString())) + ")";
        var added = list("added");
        var cleared = list("cleared");
        if (added.Length > 0)
            head += en ? $"; findings added: {added}" : $"; lỗi mới: {added}";
        if (cleared.Length > 0)
            head += en ? $"; findings cleared: {cleared}" : $"; lỗi đã hết: {cleared}";
        return head;
    }
}
