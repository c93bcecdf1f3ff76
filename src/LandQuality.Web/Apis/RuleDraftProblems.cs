using LandQuality.Rules.Authoring;
using LandQuality.Rules.Drafts;
using LandQuality.Rules.Versions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace LandQuality.Web.Apis;

/// <summary>
/// What the rule editor's refusals answer, for every route at once: a rule that does not fit, compile or pass
/// the allow-list is 422 with the message in both languages and the position in the expression; a missing
/// draft 404; approval by its own author 403; a state that does not allow the step (or a publish the rule-error
/// gate refused) 409.
/// </summary>
public sealed class RuleDraftProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, title) = exception switch
        {
            ConditionRefusedException or RuleSetRejectedException =>
                (StatusCodes.Status422UnprocessableEntity, "Quy tắc không được chấp nhận — The rule was not accepted"),
            RuleDraftNotFoundException => (StatusCodes.Status404NotFound, "Không tìm thấy — Not found"),
            RuleDraftFourEyesException => (StatusCodes.Status403Forbidden, "Cần người thứ hai duyệt — A second person must approve"),
            RuleDraftStateException => (StatusCodes.Status409Conflict, "Bản nháp không ở trạng thái cho phép — The draft's state does not allow it"),
            RuleSetPublishRefusedException => (StatusCodes.Status409Conflict, "Không công bố được — Not published"),
            _ => (0, ""),
        };
        if (status == 0)
            return false;
        context.Response.StatusCode = status;
        var details = new ProblemDetails { Status = status, Title = title, Detail = Detail(exception) };
        if (exception is ConditionRefusedException refused)
        {
            details.Extensions["message_vi"] = refused.Vi;
            details.Extensions["message_en"] = refused.En;
            details.Extensions["expression"] = refused.Expression;
            details.Extensions["position"] = refused.Position;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    static string Detail(Exception exception) => exception switch
    {
        RuleSetPublishRefusedException => $"Quy tắc lỗi trên hơn {RuleErrorCounts.PublishLimitPercent} % số thửa mẫu nên không công bố. — {exception.Message}",
        RuleSetRejectedException => $"Bộ quy tắc không qua kiểm tra. — {exception.Message}",
        _ => exception.Message,
    };
}
