using LandQuality.Audit;
using LandQuality.Data;
using LandQuality.Review.Cases;
using Npgsql;

namespace LandQuality.Rules.Runs;

/// <summary>
/// A run of the rule set in force, under its published version, as the caller's transaction sees it:
/// who ran it, which version, and whether it sets the parcels' current verdicts.
/// </summary>
public sealed record RunContext(long RunId, long VersionId, string RuleSet, int Version, string Actor, bool SetsVerdicts)
{
    /// <summary>
    /// The run's parcels are scattered over the whole key (an incremental run: <see cref="ChangedParcels"/>), so a batch
    /// is no range of the key worth reading through: its statuses are found by key instead.
    /// </summary>
    public bool Scattered { get; init; }
}

/// <summary>
/// Sets the current verdicts of a batch of parcels inside the caller's transaction, and what follows
/// from a verdict that changed: one entry per such parcel in its hash chain (the run, the version, the
/// rules newly failed and cleared), and the case of a parcel that is now clean closed as verified
/// (<see cref="CaseCloser"/>). Only a run of the published version of the rule set in force gets here;
/// other runs keep their findings under the run.
/// </summary>
static class VerdictStore
{
    /// <param name="communeOf">A verdict's parcel's commune: the dashboard's counts change per commune (<see cref="Progress.VerdictChanges"/>).</param>
    public static async Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, RunContext run, List<ParcelVerdict> verdicts,
        Func<string, string> communeOf, CancellationToken ct)
    {
        var before = await PreviousAsync(conn, tx, verdicts, ct);
        await WriteStatusesAsync(conn, tx, run, verdicts, before, ct);
        if (Progress.VerdictChanges.Command(verdicts, communeOf, before.ToDictionary(kv => kv.Key, kv => kv.Value.Counts, StringComparer.Ordinal))
            is { } progress)
        {
            await using var batch = new NpgsqlBatch(conn, tx) { BatchCommands = { progress } };
            await batch.ExecuteNonQueryAsync(ct);
        }
        var changed = verdicts.Where(v => !before.TryGetValue(v.ParcelId, out var was) || was.Failing != v.Failing).ToList();
        if (changed.Count == 0)
            return;
        var at = AuditChain.Truncate(DateTimeOffset.UtcNow);
        await using (var append = new NpgsqlCommand(AuditChain.AppendManySql("SELECT * FROM unnest($4::text[], $5::text[]) AS u(parcel_id, payload)"), conn, tx))
        {
            append.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
            append.Parameters.Add(new NpgsqlParameter<string> { TypedValue = run.Actor });
            append.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "evaluated" });
            append.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = changed.Select(v => v.ParcelId).ToArray() });
            append.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = changed.Select(v => Payload(run, v, before.GetValueOrDefault(v.ParcelId))).ToArray() });
            await append.ExecuteNonQueryAsync(ct);
        }
        // A case is open only for a failing parcel, so only a parcel that was failing can close one.
        var nowClean = changed.Where(v => v.Verified && before.TryGetValue(v.ParcelId, out var was) && !was.Verified).Select(v => v.ParcelId).ToArray();
        if (nowClean.Length > 0)
            await CaseCloser.CloseCleanAsync(conn, tx, nowClean, run, ct);
    }

    /// <summary>A parcel's verdict before this write, and the version (xmin) of the status row it was read from.</summary>
    sealed record Previous(string? Failing, bool Verified, long[] Counts, string RowVersion);

    static async Task<Dictionary<string, Previous>> PreviousAsync(NpgsqlConnection conn, NpgsqlTransaction tx, List<ParcelVerdict> verdicts,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT parcel_id, failing, correct AND sufficient AND clean AND alive AS verified, correct, sufficient, clean, alive, " +
            "xmin::text AS row_version FROM parcel_status WHERE parcel_id = ANY($1)", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = verdicts.Select(v => v.ParcelId).ToArray() });
        var previous = new Dictionary<string, Previous>(verdicts.Count, StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var (id, failing, verified) = (r.GetOrdinal("parcel_id"), r.GetOrdinal("failing"), r.GetOrdinal("verified"));
        var (correct, sufficient, clean, alive) = (r.GetOrdinal("correct"), r.GetOrdinal("sufficient"), r.GetOrdinal("clean"), r.GetOrdinal("alive"));
        var version = r.GetOrdinal("row_version");
        while (await r.ReadAsync(ct))
            previous[r.GetString(id)] = new Previous(r.GetStringOrNull(failing), r.GetBoolean(verified),
                Progress.VerdictChanges.Counts(r.GetBoolean(correct), r.GetBoolean(sufficient), r.GetBoolean(clean), r.GetBoolean(alive)),
                r.GetString(version));
        return previous;
    }

    static string Payload(RunContext run, ParcelVerdict now, Previous? was)
    {
        var failing = Split(now.Failing);
        var failed = Split(was?.Failing);
        // Kept small: a first evaluation writes one of these for every parcel.
        return AuditChain.Payload(new
        {
            evaluation_run = run.RunId, rule_set = run.RuleSet, rule_set_version = run.Version, verified = now.Verified,
            failing_dimensions = FailingDimensions(now), added = failing.Except(failed, StringComparer.Ordinal),
            cleared = failed.Except(failing, StringComparer.Ordinal),
        });
    }

    static IEnumerable<string> FailingDimensions(ParcelVerdict v)
    {
        if (!v.Correct) yield return "correct";
        if (!v.Sufficient) yield return "sufficient";
        if (!v.Clean) yield return "clean";
        if (!v.Alive) yield return "alive";
    }

    static string[] Split(string? failing) => string.IsNullOrEmpty(failing) ? [] : failing.Split(',');

    /// <summary>How often a batch reads and writes again the statuses another writer changed under it before it gives up.</summary>
    const int WriteAttempts = 5;

    /// <summary>
    /// Each parcel's status, updated where it exists and inserted where it does not (a first evaluation), but only
    /// where it is still the verdict read into <paramref name="before"/>. A status another writer changed or
    /// inserted meanwhile (a decision's re-evaluation beside a run; both read the previous verdict without a row
    /// lock) is read again and written again, and <paramref name="before"/> updated: the counts, the history and
    /// the cases that follow are then taken from the verdict actually replaced, never counted twice.
    /// </summary>
    static async Task WriteStatusesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, RunContext run, List<ParcelVerdict> verdicts,
        Dictionary<string, Previous> before, CancellationToken ct)
    {
        var pending = verdicts;
        for (var attempt = 1; ; attempt++)
        {
            var written = await WriteOnceAsync(conn, tx, run, pending, before, ct);
            if (written == pending.Count)
                return;
            var missed = await NotWrittenAsync(conn, tx, run, pending, ct);
            if (missed.Count == 0 || attempt == WriteAttempts)
                throw new InvalidOperationException(
                    $"Stored {written} of {pending.Count} parcel statuses of the batch ending at {pending[^1].ParcelId}; the batch was rolled back.");
            var again = await PreviousAsync(conn, tx, missed, ct);
            foreach (var v in missed)
            {
                if (again.TryGetValue(v.ParcelId, out var was))
                    before[v.ParcelId] = was;
                else
                    before.Remove(v.ParcelId);
            }
            pending = missed;
        }
    }

    static async Task<List<ParcelVerdict>> NotWrittenAsync(NpgsqlConnection conn, NpgsqlTransaction tx, RunContext run,
        List<ParcelVerdict> verdicts, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT n.id FROM unnest($1::text[]) n(id) LEFT JOIN parcel_status s ON s.parcel_id = n.id " +
            "WHERE s.run_id IS DISTINCT FROM $2", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = verdicts.Select(v => v.ParcelId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = run.RunId });
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            ids.Add(r.GetString(0));
        return verdicts.Where(v => ids.Contains(v.ParcelId)).ToList();
    }

    /// <returns>How many of <paramref name="verdicts"/> were stored.</returns>
    static async Task<int> WriteOnceAsync(NpgsqlConnection conn, NpgsqlTransaction tx, RunContext run, List<ParcelVerdict> verdicts,
        Dictionary<string, Previous> before, CancellationToken ct)
    {
        var values = ParcelStatusColumns.ValuesOf(run, verdicts, verdicts.Select(v => before.GetValueOrDefault(v.ParcelId)?.RowVersion).ToArray());
        int updated;
        // The update is planned as a merge join over the batch's key range (see ParcelStatusColumns.Update); the joins
        // are allowed again right after it, for the chain's statements, which probe heads by key.
        // A scattered batch's range is most of the table: its rows are probed by key (nested loop) instead.
        await using (var update = new NpgsqlBatch(conn, tx))
        {
            update.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL enable_hashjoin = off"));
            update.BatchCommands.Add(new NpgsqlBatchCommand(run.Scattered ? "SET LOCAL enable_mergejoin = off" : "SET LOCAL enable_nestloop = off"));
            var statement = new NpgsqlBatchCommand(ParcelStatusColumns.Update);
            statement.Parameters.AddRange(ParcelStatusColumns.Parameters(values));
            update.BatchCommands.Add(statement);
            update.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL enable_hashjoin = on"));
            update.BatchCommands.Add(new NpgsqlBatchCommand(run.Scattered ? "SET LOCAL enable_mergejoin = on" : "SET LOCAL enable_nestloop = on"));
            await update.ExecuteNonQueryAsync(ct);
            updated = statement.RecordsAffected;
        }
        if (updated == verdicts.Count)
            return updated;
        await using var insert = new NpgsqlCommand(ParcelStatusColumns.InsertMissing, conn, tx);
        insert.Parameters.AddRange(ParcelStatusColumns.Parameters(values));
        return updated + await insert.ExecuteNonQueryAsync(ct);
    }
}
