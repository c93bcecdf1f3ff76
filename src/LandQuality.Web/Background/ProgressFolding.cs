using LandQuality.Data;
using LandQuality.Progress;

namespace LandQuality.Web.Background;

/// <summary>
/// Folds the dashboard's appended changes into its base rows once a minute (<see cref="CommuneProgress.FoldChangesAsync"/>):
/// every decision appends a row or two, and between evaluation runs a busy day would leave the page summing hundreds of
/// thousands of them. Exact whenever it runs, and one fold at a time across nodes (an advisory lock), so any number of
/// web nodes may run it.
/// </summary>
public sealed class ProgressFolding(IServiceProvider services, ILogger<ProgressFolding> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CommuneProgress.FoldChangesAsync(services.GetRequiredService<Database>(), stoppingToken);
                }
                catch (Exception e) when (e is not OutOfMemoryException && !(e is OperationCanceledException && stoppingToken.IsCancellationRequested))
                {
                    // The changes stay where they are and still count; the next tick tries again.
                    logger.LogWarning(e, "Folding the dashboard's changes failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping.
        }
    }
}
