using LandQuality.Data;
using LandQuality.Rules.Versions;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Rules.Runs;

/// <summary>The evaluation_runs table: a run is recorded when it starts and closed with its counts or its error.</summary>
static class RunLog
{
    /// <summary>
    /// The rule set whose published version is in force: only its runs set the parcels' current verdicts,
    /// which case opening, routing and closing read.
    /// </summary>
    public const string RuleSetInForce = "default";

    /// <summary>The scope of an incremental run (<c>lq evaluate --changed</c>): the parcels changed since the last completed run.</summary>
    public const string ChangedScope = "changed";

    /// <summary>
    /// Starts a run, or resumes one: a resumed run keeps its own version and scope (the request may repeat
    /// the scope, not change it), and the returned request carries that scope.
    /// </summary>
    /// <remarks>
    /// The run's <see cref="JobLease"/> comes back with it: the caller holds it until the run ends. A run
    /// being resumed elsewhere (its lease held) is refused.
    /// </remarks>
    public static async Task<(EvaluationRun Run, RuleSetVersion Version, EvaluationRequest Request, JobLease Lease)> StartOrResumeAsync(
        Database database, EvaluationRequest request, CancellationToken ct)
    {
        await JobLease.MarkAbandonedAsync(database.Batch, ct);
        if (request.ResumeRunId is { } resumeId)
        {
            var lease = await JobLease.TryTakeAsync(database.Batch, JobLease.Kind.EvaluationRun, resumeId, ct)
                ?? throw new InvalidOperationException(
                    $"Run {resumeId} is running in another process right now; wait for it to end (resume it then if it failed).");
            try
            {
                var (run, version, resumed) = await ResumeAsync(database, request, resumeId, ct);
                return (run, version, resumed, lease);
            }
            catch
            {
                await lease.DisposeAsync();
                throw;
            }
        }

        var newLease = await JobLease.ReserveAsync(database.Batch, JobLease.Kind.EvaluationRun, "evaluation_runs", ct);
        try
        {
            return (await StartAsync(database, request, newLease.Id, ct), await ResolveVersionAsync(database, request, ct), request, newLease);
        }
        catch
        {
            await newLease.DisposeAsync();
            throw;
        }
    }

    static async Task<(EvaluationRun Run, RuleSetVersion Version, EvaluationRequest Request)> ResumeAsync(Database database,
        EvaluationRequest request, long resumeId, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        {
            var previous = await db.EvaluationRuns.SingleOrDefaultAsync(r => r.Id == resumeId, ct)
                ?? throw new InvalidOperationException($"There is no evaluation run {resumeId}.");
            if (previous.Status == RunStatus.Completed)
                throw new InvalidOperationException($"Run {resumeId} is already complete; start a new run instead.");
            var commune = previous.Scope.StartsWith("commune:", StringComparison.Ordinal) ? previous.Scope["commune:".Length..] : null;
            if (previous.Scope == ChangedScope)
                throw new InvalidOperationException($"Run {resumeId} evaluated what changed; run lq evaluate --changed again (it takes up every change since the last completed run).");
            if (previous.Scope.StartsWith("parcel:", StringComparison.Ordinal))
                throw new InvalidOperationException($"Run {resumeId} evaluated one parcel; evaluate it again instead of resuming.");
            if (request.ParcelId is not null || (request.CommuneCode is not null && request.CommuneCode != commune))
                throw new InvalidOperationException(
                    $"Run {resumeId} covers {(commune is null ? "every commune" : $"commune {commune}")}; a resumed run keeps its scope (leave out --commune/--parcel).");
            previous.Status = RunStatus.Running;
            previous.Error = null;
            await db.SaveChangesAsync(ct);
            return (previous, await db.RuleSetVersions.AsNoTracking().SingleAsync(v => v.Id == previous.RuleSetVersionId, ct),
                request with { CommuneCode = commune, ParcelId = null });
        }
    }

    static async Task<EvaluationRun> StartAsync(Database database, EvaluationRequest request, long runId, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var version = await ResolveVersionAsync(db, request, ct);
        var run = new EvaluationRun
        {
            Id = runId,
            RuleSetVersionId = version.Id,
            Scope = request.ParcelId is { } p ? $"parcel:{p}" : request.CommuneCode is { } c ? $"commune:{c}" : request.ChangedOnly ? ChangedScope : "all",
            StartedBy = request.StartedBy,
            StartedAt = DateTimeOffset.UtcNow,
            EvaluatedOn = DateOnly.FromDateTime(DateTime.UtcNow),
            Status = RunStatus.Running,
            SetsVerdicts = SetsVerdicts(version),
        };
        db.EvaluationRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }

    /// <summary>Only the published version of the rule set in force sets verdicts; any other run keeps its findings under the run.</summary>
    public static bool SetsVerdicts(RuleSetVersion version) => version.RuleSet == RuleSetInForce && version.Status == RuleSetStatus.Published;

    /// <summary>The version a request names, or the rule set's published one.</summary>
    public static async Task<RuleSetVersion> ResolveVersionAsync(Database database, EvaluationRequest request, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        return await ResolveVersionAsync(db, request, ct);
    }

    static async Task<RuleSetVersion> ResolveVersionAsync(LandQualityDbContext db, EvaluationRequest request, CancellationToken ct)
    {
        var versions = db.RuleSetVersions.AsNoTracking().Where(v => v.RuleSet == request.RuleSet);
        if (request.Version is { } number)
        {
            var chosen = await versions.SingleOrDefaultAsync(v => v.Version == number, ct)
                ?? throw new InvalidOperationException($"Rule set {request.RuleSet} has no version {number}.");
            return chosen.Status != RuleSetStatus.Draft ? chosen : throw new InvalidOperationException(
                $"{request.RuleSet} v{number} is a draft; drafts are previewed (lq rules preview), not evaluated into findings.");
        }
        return await versions.SingleOrDefaultAsync(v => v.Status == RuleSetStatus.Published, ct)
            ?? throw new InvalidOperationException($"Rule set {request.RuleSet} has no published version.");
    }

    /// <summary>Counts are taken from what is stored, so a resumed run reports all its batches.</summary>
    public static async Task CompleteAsync(Database database, long runId, double seconds, CancellationToken ct,
        long? parcels = null, long? findings = null)
    {
        await using var cmd = database.Batch.CreateCommand(parcels is null
            ? """
              UPDATE evaluation_runs SET status = 'Completed', finished_at = now(), seconds = coalesce(seconds, 0) + $2,
                  parcels_evaluated = (SELECT coalesce(sum(parcels), 0) FROM evaluation_run_batches WHERE run_id = $1),
                  findings_count = (SELECT coalesce(sum(findings), 0) FROM evaluation_run_batches WHERE run_id = $1)
              WHERE id = $1
              """
            : "UPDATE evaluation_runs SET status = 'Completed', finished_at = now(), seconds = $2, parcels_evaluated = $3, findings_count = $4 WHERE id = $1");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<long> { TypedValue = runId });
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<double> { TypedValue = seconds });
        if (parcels is not null)
        {
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<long> { TypedValue = parcels.Value });
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<long> { TypedValue = findings ?? 0 });
        }
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task FailAsync(Database database, long runId, string error)
    {
        await using var cmd = database.Batch.CreateCommand("UPDATE evaluation_runs SET status = 'Failed', finished_at = now(), error = $2 WHERE id = $1");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<long> { TypedValue = runId });
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = error });
        await cmd.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
