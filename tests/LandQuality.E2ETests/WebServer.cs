using LandQuality.IntegrationTests;
using LandQuality.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LandQuality.E2ETests;

/// <summary>
/// The web application on a real port of this machine, as <c>lq serve</c> runs it, over a throwaway database:
/// a browser can only reach a real server. Its key ring lives in a temporary folder of its own.
/// </summary>
public sealed class WebServer : IAsyncLifetime
{
    readonly string _home = Path.Combine(Path.GetTempPath(), $"lq-e2e-{Guid.NewGuid():N}");
    WebApplication? _app;

    public TestDatabase Db { get; } = new();

    public string Address { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        _app = WebApp.Build(["--urls", "http://127.0.0.1:0", "--LandQuality:Home", _home, "--Logging:LogLevel:Default", "Warning"], Db.Database);
        await _app.StartAsync();
        Address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        await Db.DisposeAsync();
        if (Directory.Exists(_home))
            Directory.Delete(_home, recursive: true);
    }
}
