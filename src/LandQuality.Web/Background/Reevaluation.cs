using System.Threading.Channels;
using LandQuality.Data;
using LandQuality.Review.Cases;
using LandQuality.Rules.Runs;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Web.Background;

/// <summary>
/// Re-evaluation after a rule set is published from the editor, in the background so the approval answers at
/// once: every parcel evaluated under the version in force (for the rule set in force this sets the verdicts
/// and closes the cases of parcels now clean), then cases opened for parcels now failing. Its progress and
/// outcome are the evaluation run's own rows (<c>evaluation_runs</c>), so any web node can report them; a run
/// that dies with its process is resumed with <c>lq evaluate --resume RUN</c>, as any run is.
/// </summary>
public sealed class Reevaluation(IServiceProvider services, ILogger<Reevaluation> logger) : BackgroundService
{
    readonly Channel<(string RuleSet, string By)> _queue = Channel.CreateUnbounded<(string, string)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a re-evaluation of <paramref name="ruleSet"/>'s published version; false when the server is stopping.</summary>
    public bool Enqueue(string ruleSet, string by) => _queue.Writer.TryWrite((ruleSet, by));

    /// <summary>Only a run that set the parcels' verdicts (the rule set in force) changes which parcels need a case.</summary>
    static async Task<bool> SetVerdictsAsync(Database database, long runId, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        return await db.EvaluationRuns.Where(r => r.Id == runId).Select(r => r.SetsVerdicts).SingleAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (ruleSet, by) in _queue.Reader.ReadAllAsync(stoppingToken))
                await RunAsync(ruleSet, by, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping: waiting for the next publish ends here, not as a failed service.
        }
    }

    async Task RunAsync(string ruleSet, string by, CancellationToken stoppingToken)
    {
        try
        {
            var database = services.GetRequiredService<Database>();
            var summary = await new EvaluationRunner(database).RunAsync(new EvaluationRequest(by, ruleSet), null, stoppingToken);
            if (await SetVerdictsAsync(database, summary.RunId, stoppingToken))
                await new CaseOpener(database).OpenAsync(by, stoppingToken);
            logger.LogInformation("Re-evaluated {RuleSet} v{Version} after publishing: run {RunId}, {Parcels} parcels", ruleSet, summary.Version, summary.RunId,
                summary.ParcelsEvaluated);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !(e is OperationCanceledException && stoppingToken.IsCancellationRequested))
        {
            // The run's own row says it failed; the next publish or `lq evaluate` starts over.
            logger.LogError(e, "Re-evaluation of {RuleSet} after publishing failed", ruleSet);
        }
    }
}
