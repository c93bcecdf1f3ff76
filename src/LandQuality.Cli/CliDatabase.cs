using LandQuality.Data;

namespace LandQuality.Cli;

/// <summary>
/// Where the CLI keeps its local state: LQ_HOME, or <c>.lq/</c> in the current folder. Without
/// LQ_CONNECTION the private PostgreSQL cluster lives there and is left running between commands
/// (<c>lq db stop</c> stops it), so a user never has to set up a database.
/// </summary>
static class CliDatabase
{
    public static string Home => Environment.GetEnvironmentVariable("LQ_HOME") is { Length: > 0 } home
        ? home
        : Path.Combine(Directory.GetCurrentDirectory(), ".lq");

    public static Task<Database> OpenAsync(CancellationToken ct) =>
        Database.OpenAsync(connectionString: null, Home, keepLocalRunning: true, ct);

    public static string ImportedBy => Environment.GetEnvironmentVariable("LQ_USER") is { Length: > 0 } user ? user : Environment.UserName;
}
