using System.Threading.Channels;
using LandQuality.Data;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Loading;
using LandQuality.Rules.Runs;

namespace LandQuality.Rules.Versions;

/// <summary>Per rule or dimension: parcels that would newly fail, and that would newly pass, under the draft.</summary>
/// <param name="FailingExamples">Per rule: the first few parcels that would newly fail (in parcel-id order), to look at.</param>
/// <param name="PassingExamples">Per rule: the first few parcels that would newly pass.</param>
public sealed record ImpactLine(string Key, long NewlyFailing, long NewlyPassing, long FailingNow, long FailingUnderDraft,
    IReadOnlyList<string>? FailingExamples = null, IReadOnlyList<string>? PassingExamples = null);

/// <param name="Dimensions">Per dimension, from data findings only, as <see cref="ParcelVerdict"/> decides.</param>
/// <param name="Rules">Per rule, from data findings only.</param>
/// <param name="RuleErrors">Per rule of the draft that threw: on how many parcels (they fail none of them).</param>
/// <param name="Severities">Per severity (error, warning): parcels with at least one data finding of it.</param>
/// <param name="Communes">Per commune: parcels failing at least one error rule, so not verifiable — the cases that would open or close.</param>
public sealed record ImpactReport(int PublishedVersion, int DraftVersion, long Parcels, IReadOnlyList<ImpactLine> Dimensions, IReadOnlyList<ImpactLine> Rules,
    IReadOnlyDictionary<string, long> RuleErrors, IReadOnlyList<ImpactLine>? Severities = null, IReadOnlyList<ImpactLine>? Communes = null);

/// <summary>
/// Before publishing: the draft and the published version evaluated side by side over the current
/// data, nothing stored. A dimension fails for a parcel as in <see cref="ParcelVerdict"/>. A rule
/// error is reported apart: counted as a failure it would read "newly failing 1,744" where the
/// truth is that the rule threw.
/// </summary>
/// <remarks>
/// Built as the evaluation run's pipeline without its store: the next batch is read while this one is
/// evaluated, and a batch is evaluated in slices on every core, both versions on the same facts, each slice
/// tallied on its own and merged in parcel order (<see cref="ImpactTally"/>).
/// </remarks>
public sealed class ImpactPreview(Database database)
{
    /// <summary>How many example parcels a rule's line names for each direction.</summary>
    public const int Examples = 5;

    public Task<ImpactReport> RunAsync(RuleSetVersion published, RuleSetVersion draft, CancellationToken ct) =>
        RunAsync(published, draft, commune: null, affected: null, progress: null, ct);

    /// <param name="commune">Only this commune's parcels (a quick look before the whole province); null for all.</param>
    /// <param name="affected">Told of every parcel that newly fails or newly passes a rule, in parcel order, for the list of affected parcels.</param>
    /// <param name="progress">Told the parcels done so far after each batch.</param>
    public async Task<ImpactReport> RunAsync(RuleSetVersion published, RuleSetVersion draft, string? commune, Action<AffectedParcel>? affected,
        IProgress<long>? progress, CancellationToken ct)
    {
        var compiling = Task.Run(() => (Compile(published), Compile(draft)), ct);
        var setWide = await SetWideFacts.LoadAsync(database.Batch, commune, ct);
        var (before, after) = await compiling;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var batches = Channel.CreateBounded<List<ParcelFacts>>(1);
        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in ParcelFactsReader.ReadAsync(database.Batch, setWide, commune, null, today,
                                   ParcelFactsReader.DefaultBatchSize, stop.Token))
                    await batches.Writer.WriteAsync(batch, stop.Token);
                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.Complete(e);
                throw;
            }
        }, stop.Token);

        var total = new ImpactTally(keepAffected: false);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token))
            {
                foreach (var slice in Evaluate(before, after, batch, affected is not null, stop.Token))
                {
                    total.Merge(slice);
                    foreach (var parcel in slice.Affected)
                        affected!(parcel);
                }
                progress?.Report(total.Parcels);
            }
            await reading;
        }
        catch
        {
            // The reader stops too, and ends before its connection is given back.
            await stop.CancelAsync();
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        return total.ToReport(published.Version, draft.Version);
    }

    /// <summary>The batch's slices, tallied on every core, in parcel order.</summary>
    static ImpactTally[] Evaluate(CompiledRuleSet before, CompiledRuleSet after, List<ParcelFacts> batch, bool keepAffected, CancellationToken ct)
    {
        // Slices rather than single parcels, as CompiledRuleSet.Evaluate does: a parcel takes microseconds, too little to schedule alone.
        var size = Math.Max(64, batch.Count / (Environment.ProcessorCount * 8));
        var slices = new ImpactTally[(batch.Count + size - 1) / size];
        Parallel.For(0, slices.Length, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var tally = new ImpactTally(keepAffected);
            List<Finding> now = [], then = [];
            for (var p = i * size; p < Math.Min(batch.Count, (i + 1) * size); p++)
            {
                now.Clear();
                then.Clear();
                before.Evaluate(batch[p], now);
                after.Evaluate(batch[p], then);
                tally.Add(batch[p].ParcelId, batch[p].CommuneCode, now, then);
            }
            slices[i] = tally;
        });
        return slices;
    }

    /// <summary>A stored version through the process's cache of compiled versions; a draft (no hash yet) compiled afresh.</summary>
    static CompiledRuleSet Compile(RuleSetVersion version) =>
        version.ContentHash.Length > 0 ? CompiledVersions.Get(version) : CompiledRuleSet.Compile(RuleSetFile.Parse(version.Content));
}
