using LandQuality.Data;
using LandQuality.Review.Cases;
using LandQuality.Review.Queue;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandQuality.Web.Apis;

public sealed record QueueResponse(IReadOnlyList<QueueStageCount> Counts, IReadOnlyList<TaskView> Tasks);

public sealed record CorrectionRequest(string Field, string? Value);

/// <param name="OperationId">Makes a repeated request harmless: the same id returns the first outcome.</param>
public sealed record DecisionBody(string Decision, int Revision, string OperationId, string? Reason = null,
    IReadOnlyList<CorrectionRequest>? Corrections = null, IReadOnlyList<long>? AttachmentIds = null);

/// <summary>
/// The reviewer's work through the API, on the same services as <c>lq review</c>: the queue, claiming,
/// releasing, reading a task and deciding it. Role and jurisdiction are the account's; a task outside
/// them is not found.
/// </summary>
public static class ReviewApi
{
    public static RouteGroupBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(SignInSetup.ApiPolicy).DisableAntiforgery().WithTags("Review");
        api.MapGet("/queue", Queue);
        api.MapPost("/tasks/claim-next", ClaimNext);
        api.MapPost("/tasks/{id:long}/claim", Claim);
        api.MapPost("/tasks/{id:long}/release", Release);
        api.MapGet("/tasks/{id:long}", Show);
        api.MapPost("/tasks/{id:long}/decision", Decide);
        return api;
    }

    static async Task<Ok<QueueResponse>> Queue(HttpContext context, Database database, CancellationToken ct, int limit = 50)
    {
        var reviewer = context.Reviewer();
        var tasks = await new ReviewQueue(database).ListAsync(reviewer, Math.Clamp(limit, 1, 500), ct);
        return TypedResults.Ok(new QueueResponse(await QueueCounts.LoadAsync(database, reviewer.UserName, ct), tasks));
    }

    static async Task<Results<Ok<TaskView>, NoContent>> ClaimNext(HttpContext context, Database database, CancellationToken ct) =>
        await new ReviewQueue(database).ClaimNextAsync(context.Reviewer().UserName, ct) is { } task ? TypedResults.Ok(task) : TypedResults.NoContent();

    static async Task<Ok<TaskView>> Claim(long id, HttpContext context, Database database, CancellationToken ct) =>
        TypedResults.Ok(await new ReviewQueue(database).ClaimAsync(context.Reviewer().UserName, id, ct));

    static async Task<Ok<TaskView>> Release(long id, HttpContext context, Database database, CancellationToken ct) =>
        TypedResults.Ok(await new ReviewQueue(database).ReleaseAsync(context.Reviewer().UserName, id, ct));

    static async Task<Ok<TaskDetailsView>> Show(long id, HttpContext context, Database database, CancellationToken ct) =>
        TypedResults.Ok(await TaskDetails.LoadAsync(database, context.Reviewer(), id, ct));

    static async Task<Ok<DecisionOutcome>> Decide(long id, DecisionBody body, HttpContext context, Database database, CancellationToken ct) =>
        TypedResults.Ok(await new DecisionService(database).DecideAsync(new DecisionRequest(context.Reviewer().UserName, id, body.Revision, body.Decision,
            body.OperationId, body.Reason, body.Corrections?.Select(c => new FieldChange(c.Field, c.Value)).ToList(), body.AttachmentIds), ct));
}
