using LandQuality.Web;

await using var app = WebApp.Build(args);
await app.RunAsync();

/// <summary>The entry point, for <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
