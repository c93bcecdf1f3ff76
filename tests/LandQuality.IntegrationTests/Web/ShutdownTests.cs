using LandQuality.Web;
using LandQuality.Web.Background;
using Microsoft.Extensions.DependencyInjection;

namespace LandQuality.IntegrationTests.Web;

/// <summary>Stopping the server is not a failure of its background services.</summary>
public sealed class ShutdownTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Bug_reevaluation_waiting_for_a_publish_ends_cleanly_when_the_server_stops()
    {
        var home = Path.Combine(Path.GetTempPath(), $"lq-shutdown-{Guid.NewGuid():N}");
        try
        {
            await using var app = WebApp.Build(["--urls", "http://127.0.0.1:0", "--LandQuality:Home", home, "--Logging:LogLevel:Default", "None"], db.Database);
            await app.StartAsync();
            var reevaluation = app.Services.GetRequiredService<Reevaluation>();

            await app.StopAsync();

            // Before the fix the wait for the next publish threw when the server stopped, and the host logged
            // "BackgroundService failed" at the Critical level on every shutdown.
            Assert.True(reevaluation.ExecuteTask!.IsCompletedSuccessfully, $"ended {reevaluation.ExecuteTask.Status}");
        }
        finally
        {
            if (Directory.Exists(home))
                Directory.Delete(home, recursive: true);
        }
    }
}
