using LandQuality.Data;

namespace LandQuality.Web.Apis;

/// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: it can reach its database.</summary>
public static class HealthApi
{
    public static void MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", Ready).AllowAnonymous().ExcludeFromDescription();
    }

    static async Task<IResult> Ready(Database database, CancellationToken ct)
    {
        try
        {
            await using var cmd = database.DataSource.CreateCommand("SELECT 1");
            await cmd.ExecuteScalarAsync(ct);
            return Results.Text("ready");
        }
        catch (Npgsql.NpgsqlException)
        {
            return Results.Text("database unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
