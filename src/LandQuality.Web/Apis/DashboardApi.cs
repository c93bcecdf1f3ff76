using LandQuality.Data;
using LandQuality.Progress;
using LandQuality.Web.Accounts;
using LandQuality.Web.Pages.Dashboard;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace LandQuality.Web.Apis;

/// <summary>
/// The campaign's figures for machines: the caller's jurisdiction (a province with its communes ranked, or
/// one commune), and one commune of it; a commune outside it is not found. Also the progress chart as SVG
/// for the pages (cookie sign-in).
/// </summary>
public static class DashboardApi
{
    public static RouteGroupBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/dashboard").RequireAuthorization(SignInSetup.ApiPolicy).DisableAntiforgery().WithTags("Dashboard");
        api.MapGet("", Mine);
        api.MapGet("/communes/{code}", Commune);
        var charts = app.MapGroup("/dashboard").RequireAuthorization().ExcludeFromDescription();
        charts.MapGet("/progress.svg", MyChart);
        charts.MapGet("/communes/{code}/progress.svg", CommuneChart);
        return api;
    }

    /// <summary>The scope a signed-in reviewer may see: their province or their commune.</summary>
    public static DashboardScope? ScopeOf(HttpContext context) => DashboardScope.ForJurisdiction(context.Reviewer().Jurisdiction);

    /// <summary>A commune of the reviewer's scope, or null when it lies outside.</summary>
    public static DashboardScope? CommuneScopeOf(HttpContext context, string code) => ScopeOf(context)?.Commune(code);

    static async Task<Results<Ok<DashboardView>, NotFound>> Mine(HttpContext context, Database database, CancellationToken ct) =>
        ScopeOf(context) is { } scope ? TypedResults.Ok(await DashboardQuery.LoadAsync(database, scope, DateTimeOffset.UtcNow, ct)) : TypedResults.NotFound();

    static async Task<Results<Ok<DashboardView>, NotFound>> Commune(string code, HttpContext context, Database database, CancellationToken ct) =>
        CommuneScopeOf(context, code) is { } scope ? TypedResults.Ok(await DashboardQuery.LoadAsync(database, scope, DateTimeOffset.UtcNow, ct)) : TypedResults.NotFound();

    static Task<Results<ContentHttpResult, NotFound>> MyChart(HttpContext context, Database database, IStringLocalizer<Texts> texts, CancellationToken ct) =>
        Chart(ScopeOf(context), database, texts, ct);

    static Task<Results<ContentHttpResult, NotFound>> CommuneChart(string code, HttpContext context, Database database, IStringLocalizer<Texts> texts,
        CancellationToken ct) => Chart(CommuneScopeOf(context, code), database, texts, ct);

    static async Task<Results<ContentHttpResult, NotFound>> Chart(DashboardScope? scope, Database database, IStringLocalizer<Texts> texts, CancellationToken ct)
    {
        if (scope is null)
            return TypedResults.NotFound();
        var days = await DailySnapshot.HistoryAsync(database, scope, ct);
        return TypedResults.Content(ProgressChart.Svg(days, $"{texts["DashboardOverTime"]} — {scope.Name}", $"{texts["DashboardVerifiedShare"]} (%)"),
            "image/svg+xml; charset=utf-8");
    }
}
