using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;
using Npgsql;

namespace LandQuality.Rules.Runs;

/// <summary>
/// Writes one batch of a run's results in one transaction: the findings by binary COPY, each
/// parcel's verdict per dimension when the run sets them (<see cref="VerdictStore"/>), and the resume
/// marker naming the batch's last parcel, with the batch's verdict counts (the run's summary adds them up).
/// Either all of a batch is stored or none of it. (One parcel's re-evaluation: <see cref="ParcelResultWriter"/>.)
/// </summary>
static class ResultWriter
{
    /// <param name="commitAfter">
    /// The previous batch's write: this batch does all its work at once but commits only after that one
    /// has committed, so batches commit in parcel order and the last marker is still the resume point.
    /// When the previous batch failed, this one is rolled back.
    /// </param>
    public static async Task WriteAsync(NpgsqlConnection conn, RunContext run, IReadOnlyList<ParcelFacts> parcels,
        IReadOnlyList<Finding> findings, Task commitAfter, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Results are derived data, so a batch's commit need not wait for its WAL flush: a server crash can
        // lose the last batches, never half of one (the resume marker commits with them), and --resume
        // recomputes them. Anything durable committed later (a review decision) flushes them first.
        await using (var settings = new NpgsqlCommand("SET LOCAL synchronous_commit = off", conn, tx))
            await settings.ExecuteNonQueryAsync(ct);
        await WriteInAsync(conn, tx, run, parcels, findings, ct);
        await commitAfter;
        await tx.CommitAsync(ct);
    }

    /// <summary>One batch inside the caller's transaction: a background run's partition commits all its batches at once.</summary>
    public static async Task WriteInAsync(NpgsqlConnection conn, NpgsqlTransaction tx, RunContext run, IReadOnlyList<ParcelFacts> parcels,
        IReadOnlyList<Finding> findings, CancellationToken ct)
    {
        await using (var copy = await conn.BeginBinaryImportAsync(FindingColumns.CopySql, ct))
        {
            foreach (var f in findings)
                FindingColumns.Copy(copy, run.RunId, f);
            await copy.CompleteAsync(ct);
        }

        var verdicts = ParcelVerdict.Of(parcels, findings);
        if (run.SetsVerdicts)
        {
            var communes = parcels.ToDictionary(p => p.ParcelId, p => p.CommuneCode, StringComparer.Ordinal);
            await VerdictStore.WriteAsync(conn, tx, run, verdicts, id => communes[id], ct);
        }
        await using (var mark = new NpgsqlCommand(
            "INSERT INTO evaluation_run_batches (run_id, last_parcel_id, parcels, findings, done_at, " +
            "verified, failing_correct, failing_sufficient, failing_clean, failing_alive) VALUES ($1, $2, $3, $4, now(), $5, $6, $7, $8, $9)", conn, tx))
        {
            mark.Parameters.Add(new NpgsqlParameter<long> { TypedValue = run.RunId });
            mark.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parcels[^1].ParcelId }); // batches come in parcel-id order
            foreach (var count in (long[])[parcels.Count, findings.Count, verdicts.Count(v => v.Verified), verdicts.Count(v => !v.Correct),
                         verdicts.Count(v => !v.Sufficient), verdicts.Count(v => !v.Clean), verdicts.Count(v => !v.Alive)])
                mark.Parameters.Add(new NpgsqlParameter<long> { TypedValue = count });
            await mark.ExecuteNonQueryAsync(ct);
        }
    }
}

/// <summary>Lower-case names of the metadata enums, as stored and as written in rule files.</summary>
public static class Names
{
    public static string Of(Dimension d) => d switch
    {
        Dimension.Correct => "correct", Dimension.Sufficient => "sufficient", Dimension.Clean => "clean", _ => "alive",
    };

    public static string Of(Severity s) => s == Severity.Error ? "error" : "warning";

    /// <summary>A dimension's stored name as the campaign says it: đúng, đủ, sạch, sống.</summary>
    public static string Vietnamese(string dimension) => dimension switch
    {
        "correct" => "đúng", "sufficient" => "đủ", "clean" => "sạch", "alive" => "sống", _ => dimension,
    };

    public static string Of(ReviewStage s) => s switch
    {
        ReviewStage.Commune => "commune", ReviewStage.Department => "department", _ => "police",
    };
}
