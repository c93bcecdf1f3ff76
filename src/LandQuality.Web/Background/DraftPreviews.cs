using LandQuality.Data;
using LandQuality.Rules.Drafts.Previews;

namespace LandQuality.Web.Background;

/// <summary>
/// Runs the queued previews of drafts over the whole data set, one at a time on each node. The queue is the
/// table (<see cref="DraftPreviewQueue"/>): this node is woken when it queues one, and looks every few seconds for
/// those queued on other nodes or left queued by a node that stopped. A preview interrupted by this server's
/// stopping is marked failed on the way out; one whose process died is marked so by the next look
/// (<see cref="JobLease.MarkAbandonedAsync"/>). Progress and outcome are the preview's row, so any node reports them.
/// </summary>
public sealed class DraftPreviews(IServiceProvider services, ILogger<DraftPreviews> logger) : BackgroundService
{
    static readonly TimeSpan Look = TimeSpan.FromSeconds(3);

    readonly SemaphoreSlim _woken = new(0, 1);

    /// <summary>A preview was queued here: look now rather than at the next interval.</summary>
    public void Wake()
    {
        try
        {
            _woken.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runner = new DraftPreviewRunner(services.GetRequiredService<Database>());
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await runner.RunNextAsync(stoppingToken))
                {
                }
                await _woken.WaitAsync(Look, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The preview's row says it failed (with why); this keeps the loop alive for the next one.
                logger.LogError(e, "Looking for or running a draft preview failed");
                await Task.Delay(Look, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    public override void Dispose()
    {
        _woken.Dispose();
        base.Dispose();
    }
}
