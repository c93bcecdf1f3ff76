using System.CommandLine;
using LandQuality.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LandQuality.Cli.Commands;

/// <summary>
/// <c>lq worker</c>: takes background work from the queue in this database (evaluation partitions, case opening,
/// the SLA sweep and the dashboard's upkeep on their schedules) until Ctrl+C. Any number of them, on any number of
/// machines, share the queue; <c>lq serve</c> runs one inside itself unless told not to.
/// </summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var threads = new Option<int?>("--threads") { Description = "Jobs at once in this process (default: LQ_WORKER_THREADS, else 2)." };
        var command = new Command("worker", "Run a background worker: evaluation partitions, case opening, the SLA sweep and other queued jobs.") { threads };
        command.SetAction(async (parse, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            var settings = JobSettings.FromEnvironment();
            if (parse.GetValue(threads) is { } n and > 0)
                settings = settings with { WorkerThreads = n };
            await RunAsync(database, settings, ct);
            return 0;
        });
        return command;
    }

    static async Task RunAsync(Data.Database database, JobSettings settings, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("LandQuality", LogLevel.Information);
        builder.Services.AddSingleton(database);
        builder.Services.AddJobQueue(settings).AddJobWorker(settings);
        using var host = builder.Build();
        await host.StartAsync(ct);
        Console.WriteLine($"Tiến trình nền {JobQueue.WorkerName} đang nhận việc / worker {JobQueue.WorkerName} is taking jobs " +
            $"({settings.WorkerThreads} at once; Ctrl+C để dừng / to stop)");
        // The host's console lifetime takes Ctrl+C and SIGTERM (a service manager's stop) before the command line sees
        // them, so the host's own shutdown is what ends the wait; the command's token covers being stopped from within.
        // A job stopped half-way rolls back and goes back to the queue for another worker.
        await host.WaitForShutdownAsync(ct);
    }
}
