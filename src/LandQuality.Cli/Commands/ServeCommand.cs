using System.CommandLine;
using LandQuality.Web;
using LandQuality.Web.Background;

namespace LandQuality.Cli.Commands;

/// <summary>
/// <c>lq serve</c>: the web application for reviewers and auditors on this database, until Ctrl+C. It listens where
/// ASPNETCORE_URLS or <c>--urls</c> says, else on <see cref="WebApp.DefaultUrl"/>.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = $"Where to listen (default: ASPNETCORE_URLS, else {WebApp.DefaultUrl})." };
        var noWorker = new Option<bool>("--no-worker") { Description = "Serve only; background jobs are left to `lq worker` processes (a web node behind a load balancer)." };
        var command = new Command("serve", "Serve the web application (sign-in, queues, case pages, history) and its API, with a background worker.") { urls, noWorker };
        command.SetAction(async (parse, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            await ServeAsync(database, parse.GetValue(urls), ct, parse.GetValue(noWorker) ? WebJobs.Queue : WebJobs.QueueAndWorker);
            return 0;
        });
        return command;
    }

    public static async Task ServeAsync(Data.Database database, string? urls, CancellationToken ct, WebJobs jobs = WebJobs.QueueAndWorker)
    {
        // From here on the actions are the signed-in users' own, not this process's account's.
        Audit.AuditChain.OperatingSystemUser = null;
        string[] args = urls is null ? [] : ["--urls", urls];
        await using var app = WebApp.Build(args, database, jobs);
        await app.StartAsync(ct);
        Console.WriteLine($"LandQuality đang chạy tại / is serving at: {string.Join(", ", app.Urls)} (Ctrl+C để dừng / to stop)");
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
        }
        await app.StopAsync(CancellationToken.None);
    }
}
