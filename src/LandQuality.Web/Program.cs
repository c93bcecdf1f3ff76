namespace LandQuality.Web;

/// <summary>
/// The web application run on its own (<c>dotnet run --project src/LandQuality.Web</c>); <c>lq serve</c> hosts the
/// same <see cref="WebApp"/>. Named apart from the CLI's top-level <c>Program</c>, and the entry point the tests'
/// <c>WebApplicationFactory&lt;LandQuality.Web.Program&gt;</c> starts.
/// </summary>
public sealed class Program
{
    public static async Task Main(string[] args)
    {
        await using var app = WebApp.Build(args);
        await app.RunAsync();
    }
}
