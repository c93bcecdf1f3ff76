using LandQuality.Data;
using LandQuality.Review.Queue;
using LandQuality.Rules.Runs.Partitions;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandQuality.Web.Apis;

/// <summary>
/// An evaluation run's progress, as <c>lq runs show --json</c> prints it: status (queued, running, completed, failed),
/// partitions and parcels done of the total, the workers that took its partitions, and its summary once completed.
/// Runs cover whole provinces, so only policy staff and administrators see them; anyone else gets 404.
/// </summary>
public static class RunsApi
{
    public static RouteGroupBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/runs").RequireAuthorization();
        api.MapGet("{id:long}", Show);
        return api;
    }

    static async Task<Results<Ok<RunProgressView>, NotFound>> Show(long id, HttpContext http, Database database, CancellationToken ct) =>
        http.Reviewer().Role is Roles.PolicyStaff or Roles.Administrator && await RunProgressView.LoadAsync(database, id, ct) is { } view
            ? TypedResults.Ok(view)
            : TypedResults.NotFound();
}
