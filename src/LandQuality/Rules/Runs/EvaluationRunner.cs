using System.Diagnostics;
using System.Threading.Channels;
using LandQuality.Data;
using LandQuality.Rules.Facts;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Rules.Runs;

/// <summary>What to evaluate: a rule set's published version (or a given non-draft one) over everything, a commune or a parcel.</summary>
public sealed record EvaluationRequest(string StartedBy, string RuleSet = "default", int? Version = null,
    string? CommuneCode = null, string? ParcelId = null, long? ResumeRunId = null);

/// <summary>
/// <c>lq evaluate</c>: reads the parcels commune by commune (the next commune is read while the
/// current one is evaluated and stored), evaluates each commune in parallel with the compiled rule
/// set, and commits its findings, statuses and resume marker together. A run that dies half-way is
/// resumed with <see cref="EvaluationRequest.ResumeRunId"/>: finished communes are skipped, nothing is written twice.
/// </summary>
public sealed class EvaluationRunner(Database database)
{
    public async Task<EvaluationSummary> RunAsync(EvaluationRequest request, IProgress<long>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (request.ParcelId is { } parcelId)
            return await EvaluateParcelAsync(parcelId, request, ct);

        var (run, version) = await RunLog.StartOrResumeAsync(database, request, ct);
        // Stops the reading side too when storing fails, so no reader is left holding its connections.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            var rules = CompiledVersions.Get(version);
            var cross = await CrossRecordFacts.LoadAsync(database.DataSource, ct);
            var done = await DoneCommunesAsync(run.Id, ct);
            // Bounded to one commune ahead: the next is read while the current one is evaluated and stored.
            var channel = Channel.CreateBounded<(string Commune, List<ParcelFacts> Parcels)>(1);
            var reader = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in ParcelFactsReader.ReadByCommuneAsync(database.DataSource, request.CommuneCode, done, cross, run.EvaluatedOn, stop.Token))
                        await channel.Writer.WriteAsync(batch, stop.Token);
                    channel.Writer.Complete();
                }
                catch (Exception e)
                {
                    channel.Writer.Complete(e);
                }
            }, stop.Token);

            await using var conn = await database.DataSource.OpenConnectionAsync(ct);
            long evaluated = 0;
            await foreach (var (commune, parcels) in channel.Reader.ReadAllAsync(ct))
            {
                var findings = parcels.Count == 0 ? [] : rules.Evaluate(parcels, ct: ct);
                await ResultWriter.WriteAsync(conn, run.Id, version.Id, parcels, findings, commune, ct);
                progress?.Report(evaluated += parcels.Count);
            }
            await reader;
            await RunLog.CompleteAsync(database, run.Id, clock.Elapsed.TotalSeconds, ct);
            return await EvaluationSummary.LoadAsync(database, run.Id, ct);
        }
        catch (Exception e)
        {
            await stop.CancelAsync();
            await RunLog.FailAsync(database, run.Id, e.Message);
            throw;
        }
    }

    /// <summary>Re-evaluates one parcel after a correction: its own facts only, one small transaction.</summary>
    public async Task<EvaluationSummary> EvaluateParcelAsync(string parcelId, EvaluationRequest request, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var (run, version) = await RunLog.StartOrResumeAsync(database, request with { ParcelId = parcelId }, ct);
        var cross = await CrossRecordFacts.LoadForParcelAsync(database.DataSource, parcelId, ct);
        var facts = await ParcelFactsReader.ReadParcelAsync(database.DataSource, parcelId, cross, run.EvaluatedOn, ct);
        if (facts is null)
        {
            await RunLog.FailAsync(database, run.Id, $"parcel {parcelId} does not exist");
            throw new InvalidOperationException($"Parcel {parcelId} does not exist.");
        }
        var findings = CompiledVersions.Get(version).Evaluate(facts);
        await using (var conn = await database.DataSource.OpenConnectionAsync(ct))
            await ResultWriter.WriteAsync(conn, run.Id, version.Id, [facts], findings, communeMarker: null, ct);
        await RunLog.CompleteAsync(database, run.Id, clock.Elapsed.TotalSeconds, ct, parcels: 1, findings: findings.Count);
        return EvaluationSummary.ForParcel(run.Id, version, facts.ParcelId, findings, clock.Elapsed.TotalSeconds);
    }

    async Task<List<string>> DoneCommunesAsync(long runId, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        return await db.EvaluationRunCommunes.Where(c => c.RunId == runId).Select(c => c.CommuneCode).ToListAsync(ct);
    }
}
