using LandQuality.Review.Queue;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace LandQuality.Web.Apis;

/// <summary>
/// What a refused request answers, for every endpoint at once: not found (also for what lies outside the
/// caller's role or jurisdiction, so its existence is not disclosed), a conflict with someone else's change,
/// or a request the current state does not allow — each as ProblemDetails with the service's reason.
/// </summary>
public sealed class ReviewProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, title) = exception switch
        {
            ReviewNotFoundException or ReviewForbiddenException => (StatusCodes.Status404NotFound, "Không tìm thấy — Not found"),
            // Which request used the id is not said: it may concern a task the caller may not see.
            OperationReusedException => (StatusCodes.Status409Conflict, "Mã thao tác đã được dùng — Operation id already used"),
            ReviewConflictException => (StatusCodes.Status409Conflict, "Đã có người thay đổi trước — Changed by someone else first"),
            ReviewException or AccountException => (StatusCodes.Status400BadRequest, "Yêu cầu không thực hiện được — The request cannot be done"),
            _ => (0, ""),
        };
        if (status == 0)
            return false;
        context.Response.StatusCode = status;
        // A forbidden task is answered exactly as a missing one: one wording for both, since the services'
        // messages differ ("There is no task 7" against a forbidden task's) and would tell them apart.
        var detail = status == StatusCodes.Status404NotFound ? "Không tìm thấy. — Not found." : exception.Message;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
            Exception = exception,
        });
    }
}
