using LandQuality.Review.Runtime;

namespace LandQuality.Review.Queue;

/// <summary>
/// The refusals a reviewer meets most — no such task, not yours, not open, changed since you read it, the case
/// moved on, a field changed before the approval, a decision the stage does not offer — worded once, Vietnamese
/// first then English ("… — …"), for every front end: the CLI prints the message after "Refused:", the API puts it
/// in the ProblemDetails' detail (a 404's detail is one fixed wording there, so nothing here leaks to it).
/// </summary>
public static class ReviewRefusals
{
    public static ReviewNotFoundException NoTask(long taskId) =>
        new(Both($"Không có công việc {taskId}.", $"There is no task {taskId}."));

    public static ReviewForbiddenException NotRegistered(string userName) =>
        new($"{userName} không phải là người rà soát đã đăng ký. — {userName} is not a registered reviewer.");

    public static ReviewException NotClaimedBy(long taskId, string userName) =>
        new(Both($"Công việc {taskId} không do {userName} nhận.", $"Task {taskId} is not claimed by {userName}."));

    public static ReviewException NotOpen(long taskId, ReviewTaskStatus status) =>
        new(Both($"Công việc {taskId} {StatusVi(status)}, không còn mở để nhận.", $"Task {taskId} is {Lower(status)}, not open."));

    public static ReviewException Finished(long taskId, ReviewTaskStatus status) =>
        new(Both($"Công việc {taskId} {StatusVi(status)}, không giao lại được.", $"Task {taskId} is {Lower(status)} and cannot be reassigned."));

    public static ReviewConflictException StaleRevision(long taskId, int revision, int sent) =>
        new(Both($"Công việc {taskId} đã thay đổi từ lúc bạn đọc (phiên bản {revision}, bạn gửi {sent}); hãy tải lại.",
            $"Task {taskId} changed since you read it (revision {revision}, you sent {sent}); reload it."));

    public static ReviewConflictException WrongStage(long caseId, string caseStage, string caseStatus, string taskStage) =>
        new(Both($"Hồ sơ {caseId} đang ở bước {caseStage} ({caseStatus}), không còn ở bước {taskStage} của công việc này.",
            $"Case {caseId} is at {caseStage} ({caseStatus}), not at this task's stage {taskStage}."));

    public static ReviewConflictException FieldChanged(string field, string parcelId, string? before, string? now) =>
        new(Both($"{field} của thửa {parcelId} đã thay đổi từ lúc đề xuất sửa ('{before}' → nay '{now}'); hãy trả hồ sơ về xã/phường.",
            $"{field} of parcel {parcelId} changed since the correction was proposed ('{before}' → now '{now}'); return the case to the commune."));

    /// <summary>A decision the workflow refused: the runtime's English reason, after its Vietnamese.</summary>
    public static ReviewException Rejected(TransitionRejected rejected) => new(Both(rejected.Error switch
    {
        TransitionError.UnknownDecision => $"\"{rejected.Decision}\" không phải là quyết định của bước {rejected.Stage}; được chọn: {string.Join(", ", rejected.AllowedDecisions)}.",
        TransitionError.ReasonRequired => $"Quyết định \"{rejected.Decision}\" tại bước {rejected.Stage} cần ghi lý do.",
        TransitionError.CorrectionsNotAllowed => $"Quyết định \"{rejected.Decision}\" tại bước {rejected.Stage} không kèm chỉnh sửa.",
        TransitionError.AttachmentsNotAllowed => $"Quyết định \"{rejected.Decision}\" tại bước {rejected.Stage} không kèm tệp đính kèm.",
        TransitionError.NotAHumanStage => $"Bước {rejected.Stage} không chờ quyết định của người rà soát.",
        _ => $"Quy trình không cho phép quyết định \"{rejected.Decision}\" tại bước {rejected.Stage}.",
    }, Sentence(rejected.Message)));

    /// <summary>The form of the CLI's and the API's bilingual messages. The ids in them are whole numbers, alike in every culture.</summary>
    static string Both(string vietnamese, string english) => vietnamese + " — " + english;

    static string Sentence(string message) => message.Length == 0 ? message
        : char.ToUpperInvariant(message[0]) + message[1..] + (message.EndsWith('.') ? "" : ".");

    static string Lower(ReviewTaskStatus status) => status.ToString().ToLowerInvariant();

    static string StatusVi(ReviewTaskStatus status) => status switch
    {
        ReviewTaskStatus.Open => "đang mở",
        ReviewTaskStatus.Claimed => "đã có người nhận",
        ReviewTaskStatus.Completed => "đã xong",
        _ => "đã bị rút",
    };
}
