using System.Diagnostics;
using System.Threading.Channels;
using Npgsql;
using LandQuality.Data;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Evaluation;

namespace LandQuality.Rules.Runs;

/// <summary>
/// What to evaluate: a rule set's published version (or a given non-draft one) over everything, a commune or a parcel;
/// or, <see cref="ChangedOnly"/>, the parcels changed since the last completed run of the published version (<see cref="ChangedParcels"/>).
/// </summary>
public sealed record EvaluationRequest(string StartedBy, string RuleSet = "default", int? Version = null,
    string? CommuneCode = null, string? ParcelId = null, long? ResumeRunId = null, bool ChangedOnly = false);

/// <summary>
/// <c>lq evaluate</c>: a pipeline of three stages, each working one batch ahead of the next — read
/// (the parcels stream out of PostgreSQL in key order), evaluate (the compiled rule set, on every
/// core), store (findings, statuses and the resume marker committed together per batch). A run that
/// dies half-way is resumed with <see cref="EvaluationRequest.ResumeRunId"/>: it continues after the
/// last stored parcel, so nothing is written twice.
/// </summary>
public sealed class EvaluationRunner(Database database)
{
    /// <summary>Parcels per committed batch.</summary>
    public int BatchSize { get; init; } = ParcelFactsReader.DefaultBatchSize;

    /// <summary>Where the last run's time went (for benchmarks and the log); null before a run.</summary>
    public RunTimings? LastTimings { get; private set; }

    public async Task<EvaluationSummary> RunAsync(EvaluationRequest request, IProgress<long>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (request.ParcelId is { } parcelId)
            return await EvaluateParcelAsync(parcelId, request, ct);
        var (changedSince, fullRunReason) = request.ChangedOnly ? await ChangedParcels.FindBaseAsync(database, request, ct) : default;
        request = request with { ChangedOnly = changedSince is not null };

        (var run, var version, request, var lease) = await RunLog.StartOrResumeAsync(database, request, ct);
        await using var _ = lease;
        var context = new RunContext(run.Id, version.Id, version.RuleSet, version.Version, run.StartedBy, run.SetsVerdicts);
        // One failing stage stops the other two, so no stage is left waiting or holding connections.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var toEvaluate = Channel.CreateBounded<List<ParcelFacts>>(1);
        var toStore = Channel.CreateBounded<(List<ParcelFacts> Parcels, List<Finding> Findings)>(1);
        var stages = new List<Task>();
        try
        {
            // Compiling the rules (CPU) and the set-wide reads (mostly the server's) overlap.
            var compiling = Task.Run(() => CompiledVersions.Get(version), stop.Token);
            if (context.SetsVerdicts && request.CommuneCode is null)
                await ChangedParcels.RecordWatermarkAsync(database.Batch, run.Id, stop.Token);
            var changesStart = clock.Elapsed.TotalSeconds;
            var changed = changedSince is { } since ? await ChangedParcels.LoadAsync(database.Batch, since, stop.Token) : null;
            double? changesSeconds = changed is null ? null : clock.Elapsed.TotalSeconds - changesStart;
            if (changed is not null)
                context = context with { Scattered = true };
            var setWide = changed?.SetWide ?? await SetWideFacts.LoadAsync(database.Batch, request.CommuneCode, stop.Token);
            var rules = await compiling;
            var preparationSeconds = clock.Elapsed.TotalSeconds;
            var after = await LastStoredParcelAsync(run.Id, stop.Token);
            var (reading, evaluating) = (new Stopwatch(), new Stopwatch());
            long storingTicks = 0;
            stages.Add(Stage(stop, toEvaluate.Writer, async () =>
            {
                reading.Start();
                await foreach (var batch in changed is null
                                   ? ParcelFactsReader.ReadAsync(database.Batch, setWide, request.CommuneCode, after, run.EvaluatedOn, BatchSize, stop.Token)
                                   : ParcelFactsReader.ReadParcelsAsync(database.Batch, setWide, changed.ParcelIds, run.EvaluatedOn, BatchSize, stop.Token))
                {
                    reading.Stop();
                    await toEvaluate.Writer.WriteAsync(batch, stop.Token);
                    reading.Start();
                }
                reading.Stop();
            }));
            stages.Add(Stage(stop, toStore.Writer, async () =>
            {
                await foreach (var parcels in toEvaluate.Reader.ReadAllAsync(stop.Token))
                {
                    evaluating.Start();
                    var findings = rules.Evaluate(parcels, ct: stop.Token);
                    evaluating.Stop();
                    await toStore.Writer.WriteAsync((parcels, findings), stop.Token);
                }
            }));
            stages.Add(Stage<object>(stop, null, async () =>
            {
                // Two connections take the batches in turn, so one batch's findings go in while the one
                // before it updates its statuses: PostgreSQL works on both, where one connection left
                // a sixth of the machine idle waiting for it. Commits stay in batch order.
                await using var first = await database.Batch.OpenConnectionAsync(stop.Token);
                await using var second = await database.Batch.OpenConnectionAsync(stop.Token);
                NpgsqlConnection[] connections = [first, second];
                Task[] writes = [Task.CompletedTask, Task.CompletedTask];
                var previous = Task.CompletedTask;
                long batches = 0, stored = 0;
                try
                {
                    await foreach (var (parcels, findings) in toStore.Reader.ReadAllAsync(stop.Token))
                    {
                        var slot = (int)(batches++ % 2);
                        await writes[slot]; // its connection is free again
                        previous = writes[slot] = StoreAsync(connections[slot], parcels, findings, previous);
                    }
                    await Task.WhenAll(writes);
                }
                finally
                {
                    // Stopped half-way: the other connection's write ends (stopped too) before its connection is closed.
                    await Task.WhenAll(writes).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }

                async Task StoreAsync(NpgsqlConnection conn, List<ParcelFacts> parcels, List<Finding> findings, Task commitAfter)
                {
                    var clock = Stopwatch.StartNew();
                    await ResultWriter.WriteAsync(conn, context, parcels, findings, commitAfter, stop.Token);
                    Interlocked.Add(ref storingTicks, clock.Elapsed.Ticks);
                    progress?.Report(Interlocked.Add(ref stored, parcels.Count));
                }
            }));
            await Task.WhenAll(stages);
            LastTimings = new RunTimings(clock.Elapsed.TotalSeconds, preparationSeconds, reading.Elapsed.TotalSeconds,
                evaluating.Elapsed.TotalSeconds, TimeSpan.FromTicks(storingTicks).TotalSeconds) { ChangesSeconds = changesSeconds };
            await RunLog.CompleteAsync(database, run.Id, clock.Elapsed.TotalSeconds, ct);
            if (context.SetsVerdicts && request.CommuneCode is null)
                await ChangedParcels.PruneAsync(database.Batch, run.Id, ct);
            if (context.SetsVerdicts)
                await Progress.RunProgress.RecordAsync(database, ct);
            return await EvaluationSummary.LoadAsync(database, run.Id, ct) with
            {
                Note = changedSince is { } b ? $"the parcels changed since run #{b}" : fullRunReason is { } why ? $"a full run: {why}" : null,
            };
        }
        catch (Exception e)
        {
            await stop.CancelAsync();
            // The first stage to fail says why; the others only report that they were stopped.
            var cause = stages.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!)
                .FirstOrDefault(x => x is not OperationCanceledException) ?? e;
            JobFailure.Attach(cause, JobFailure.EvaluationRunKey, run.Id);
            // The database may be what failed: then the run cannot be marked Failed, and the cause must still propagate.
            await JobFailure.RecordAsync(cause, () => RunLog.FailAsync(database, run.Id, cause.Message));
            if (cause != e)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            throw;
        }
    }

    /// <summary>Runs one pipeline stage; completes its output channel either way, and stops the others when it fails.</summary>
    static Task Stage<T>(CancellationTokenSource stop, ChannelWriter<T>? output, Func<Task> work) => Task.Run(async () =>
    {
        try
        {
            await work();
            output?.Complete();
        }
        catch (Exception e)
        {
            output?.Complete(e);
            await stop.CancelAsync();
            throw;
        }
    });

    /// <summary>
    /// Re-evaluates one parcel after a correction: its facts in one round trip, its run record,
    /// findings and status in another. A missing parcel is recorded as a failed run.
    /// </summary>
    public async Task<EvaluationSummary> EvaluateParcelAsync(string parcelId, EvaluationRequest request, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        var evaluatedOn = DateOnly.FromDateTime(DateTime.UtcNow);
        var version = await RunLog.ResolveVersionAsync(database, request, ct);
        var facts = await ParcelFactsReader.ReadParcelAsync(database.DataSource, parcelId, evaluatedOn, ct);
        if (facts is null)
        {
            var (run, _, _, lease) = await RunLog.StartOrResumeAsync(database, request with { ParcelId = parcelId }, ct);
            await using (lease)
                await RunLog.FailAsync(database, run.Id, $"parcel {parcelId} does not exist");
            throw new InvalidOperationException($"Parcel {parcelId} does not exist.");
        }
        var findings = CompiledVersions.Get(version).Evaluate(facts);
        var runId = await ParcelResultWriter.WriteAsync(database.DataSource, version, request.StartedBy, startedAt, evaluatedOn,
            clock.Elapsed.TotalSeconds, facts, findings, ct);
        return EvaluationSummary.ForParcel(runId, version, facts.ParcelId, findings, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Where a resumed run continues: its batches are stored in parcel-id order ("C" collation, as the reader sorts).</summary>
    async Task<string?> LastStoredParcelAsync(long runId, CancellationToken ct)
    {
        await using var cmd = database.Batch.CreateCommand("SELECT max(last_parcel_id COLLATE \"C\") FROM evaluation_run_batches WHERE run_id = $1");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<long> { TypedValue = runId });
        return await cmd.ExecuteScalarAsync(ct) as string;
    }
}

/// <summary>
/// A run's wall time, its preparation before the first parcel (run record, rules compiled, set-wide
/// facts), and how long each pipeline
/// stage was busy (not waiting for its neighbours); the stages overlap, so they add up to more than the total.
/// Storing counts both of its connections, each batch from its first statement to its commit.
/// </summary>
public sealed record RunTimings(double TotalSeconds, double PreparationSeconds, double ReadingSeconds, double EvaluatingSeconds, double StoringSeconds)
{
    /// <summary>An incremental run's: the part of the preparation that found the changed parcels and read their set-wide facts.</summary>
    public double? ChangesSeconds { get; init; }

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"preparation {PreparationSeconds:F2} s (run record, rules, set-wide facts{(ChangesSeconds is { } c ? $"; of it the changed parcels and their set-wide facts {c:F2} s" : "")}), " +
        $"then busy: reading {ReadingSeconds:F2} s, evaluating {EvaluatingSeconds:F2} s, storing {StoringSeconds:F2} s (its two connections together)");
}
