using LandQuality.Data;
using LandQuality.Review.Cases;
using LandQuality.Rules.Runs;
using Npgsql;

namespace LandQuality.Imports;

/// <summary>
/// What follows an import (<c>lq import</c>, in the foreground or as a queued job, and the demo's second export): the
/// parcels it changed evaluated (<c>lq evaluate --changed</c>), cases closed for those now clean (the run does it, as a
/// full run would) and opened for those now failing (<c>lq cases open</c>, for that run's parcels only).
/// </summary>
public static class AfterImportEvaluation
{
    public sealed record Outcome(EvaluationSummary Summary, long CasesOpened, long CasesClosed);

    public static async Task<Outcome> RunAsync(Database database, string actor, CancellationToken ct)
    {
        var summary = await new EvaluationRunner(database).RunAsync(new EvaluationRequest(actor, ChangedOnly: true), null, ct);
        var opened = await new CaseOpener(database).OpenAsync(actor, ct, onlyRun: summary.RunId);
        // Closed inside the run, by CaseCloser: each as verified by the system, naming the run.
        await using var cmd = database.Batch.CreateCommand("""
            SELECT count(*) FROM review_cases c
            WHERE c.status = 'Verified' AND c.closed_at >= (SELECT started_at FROM evaluation_runs WHERE id = $1)
              AND EXISTS (SELECT 1 FROM parcel_status s WHERE s.parcel_id = c.parcel_id AND s.run_id = $1)
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = summary.RunId });
        var closed = (long)(await cmd.ExecuteScalarAsync(ct))!;
        return new Outcome(summary, opened, closed);
    }
}
