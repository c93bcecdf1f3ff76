using System.Globalization;
using System.Text.Json;

namespace LandQuality.Audit;

/// <summary>
/// A name for an id a chain entry holds — a stage (<c>"Stage"</c>), a decision (<c>"Decision"</c>), a role
/// (<c>"Role"</c>), a case's outcome (<c>"Outcome"</c>) — in the reader's language, or null when there is none and
/// the id is shown. The web application answers from its resource files; the CLI keeps the ids, which its users type.
/// </summary>
public delegate string? HistoryWords(string category, string id);

/// <summary>A chain entry's payload told in words, Vietnamese first (<c>lang</c> "en" for English); unknown kinds show their JSON.</summary>
public static class HistoryText
{
    public static string Describe(string kind, string payload, string lang, HistoryWords? words = null)
    {
        using var doc = JsonDocument.Parse(payload);
        var p = doc.RootElement;
        var en = lang == "en";
        string S(string name) => p.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : "";
        string List(string name) => p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0
            ? string.Join(", ", v.EnumerateArray().Select(x => x.ToString())) : "";
        // The named field's id, as the reader's words name it.
        string W(string category, string name) => S(name) is { Length: > 0 } id ? words?.Invoke(category, id) ?? id : "";
        var outcome = S("outcome") is { Length: > 0 } o ? words?.Invoke("Outcome", o) ?? (en ? o : OutcomeVi(o)) : "";
        return kind switch
        {
            "imported" => Imported(p, en),
            "evaluated" => Evaluated(p, en, List),
            "case_opened" => en ? $"case #{S("case_id")} opened ({S("workflow")} v{S("workflow_version")}, stage {W("Stage", "stage")}, evaluation run #{S("evaluation_run")}, {S("error_findings")} error finding(s))"
                                : $"mở hồ sơ #{S("case_id")} ({S("workflow")} v{S("workflow_version")}, bước {W("Stage", "stage")}, lần đánh giá #{S("evaluation_run")}, {S("error_findings")} lỗi)",
            "task_opened" => en ? $"task #{S("task_id")} for {W("Role", "role")} of {S("jurisdiction")} (stage {W("Stage", "stage")}, due {Date(S("due_at"))})"
                                : $"giao việc #{S("task_id")} cho {W("Role", "role")} tại {S("jurisdiction")} (bước {W("Stage", "stage")}, hạn {Date(S("due_at"))})",
            "task_claimed" => en ? $"task #{S("task_id")} claimed" : $"nhận việc #{S("task_id")}",
            "task_released" => en ? $"task #{S("task_id")} given back to the queue" : $"trả việc #{S("task_id")} về hàng việc",
            "task_reassigned" => en ? $"task #{S("task_id")} handed from {S("from")} to {S("to")}" : $"giao lại việc #{S("task_id")} từ {S("from")} cho {S("to")}",
            "correction_proposed" => (en ? "correction proposed: " : "đề xuất sửa: ") + $"{S("field")} '{S("before")}' → '{S("after")}'" + Reason(S("reason"), en),
            "correction_applied" => (en ? "correction applied: " : "đã sửa: ") + $"{S("field")} '{S("before")}' → '{S("after")}'"
                + (S("owner") is { Length: > 0 } owner ? (en ? $" (now owner {owner})" : $" (nay là chủ thứ {owner})") : "")
                + $" ({(en ? "proposed by" : "đề xuất bởi")} {S("proposed_by")})",
            "decision" => (en ? $"decision: {W("Decision", "decision")} (stage {W("Stage", "stage")} → {W("Stage", "to")})"
                              : $"quyết định: {W("Decision", "decision")} (bước {W("Stage", "stage")} → {W("Stage", "to")})") + Reason(S("reason"), en),
            "reevaluated" => (en ? $"re-evaluated (run #{S("evaluation_run")}, {S("rule_set")} v{S("rule_set_version")}): {(S("verified") == "True" ? "passes every error rule" : "still fails " + List("failing"))} → {W("Stage", "to")}"
                                : $"đánh giá lại (lần #{S("evaluation_run")}, {S("rule_set")} v{S("rule_set_version")}): {(S("verified") == "True" ? "đạt mọi quy tắc lỗi" : "vẫn lỗi " + List("failing"))} → {W("Stage", "to")}")
                + (List("also_reevaluated") is { Length: > 0 } also ? (en ? $"; also re-evaluated: {also}" : $"; đánh giá lại cả: {also}") : ""),
            "case_closed" => en ? $"case #{S("case_id")} closed: {outcome}{(S("by") is { Length: > 0 } by ? $" by the {by}" : "")}" + Reason(S("reason"), en)
                                : $"đóng hồ sơ #{S("case_id")}: {outcome}{(S("by") is { Length: > 0 } ? " (hệ thống)" : "")}" + Reason(S("reason"), en),
            "case_reopened" => (en ? $"case #{S("case_id")} reopened at stage {W("Stage", "stage")}" : $"mở lại hồ sơ #{S("case_id")} tại bước {W("Stage", "stage")}") + Reason(S("reason"), en),
            "parcel_retired" => (en ? $"retired as a duplicate of {S("into")} (case #{S("case_id")})" : $"loại bỏ vì trùng với thửa {S("into")} (hồ sơ #{S("case_id")})") + Reason(S("reason"), en),
            "task_withdrawn" => (en ? $"task #{S("task_id")} withdrawn" : $"rút việc #{S("task_id")}") + Reason(S("reason"), en),
            "attachment_added" => en ? $"attached {S("file_name")} ({S("content_type")}, {S("bytes")} bytes, SHA-256 {Short(S("sha256"))}…) to case #{S("case_id")}"
                                     : $"đính kèm {S("file_name")} ({S("content_type")}, {S("bytes")} byte, SHA-256 {Short(S("sha256"))}…) vào hồ sơ #{S("case_id")}",
            "attachment_downloaded" => en ? $"downloaded attachment #{S("attachment_id")} of case #{S("case_id")}" : $"tải xuống tệp đính kèm #{S("attachment_id")} của hồ sơ #{S("case_id")}",
            "id_numbers_revealed" => (en ? $"whole ID numbers shown to role {W("Role", "role")}" : $"xem số định danh đầy đủ (vai trò {W("Role", "role")})") + Reason(S("reason"), en),
            "escalated" => en ? $"task #{S("task_id")} overdue, escalated to {W("Role", "to_role")}" : $"việc #{S("task_id")} quá hạn, chuyển lên {W("Role", "to_role")}",
            _ => payload,
        };
    }

    static string OutcomeVi(string outcome) => outcome switch
    {
        "verified" => "đã xác thực",
        "parked" => "tạm dừng",
        _ => outcome,
    };

    static string Short(string sha256) => sha256[..Math.Min(12, sha256.Length)];

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
