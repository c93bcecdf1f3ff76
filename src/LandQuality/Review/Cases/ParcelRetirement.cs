using LandQuality.Audit;
using LandQuality.Review.Queue;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Cases;

/// <summary>
/// Resolves a <c>duplicate_parcel_key</c> finding: the correction <c>retire_duplicate=B</c> on the
/// surviving parcel A retires B, another record of the same commune + map sheet + parcel number. B is
/// kept, marked retired (<c>retired_at</c>, <c>retired_by</c>, <c>retired_into</c> = A) and no longer
/// evaluated nor counted in cross-record facts; its open task is withdrawn, its open case closed as
/// parked at the stage <c>retired</c> (it was not verified: it stopped being a record) with the
/// corrections it still proposed rejected, and its current verdict removed, so no new case opens for
/// it. Each step is an entry in B's own audit chain; the correction itself is in A's. Applied, like
/// every correction, when A's case reaches its automatic stage; the proposal is checked when the
/// commune makes it (<see cref="StateSql"/>, <see cref="Refusal"/>) and again when it is applied.
/// </summary>
static class ParcelRetirement
{
    public const string Stage = "retired";

    /// <summary>The named parcel's state as the proposal check reads it: missing (null), self, retired:INTO, duplicate, or key:COMMUNE / SHEET / NO.</summary>
    public static string StateSql(string parcelSql, string otherSql) => $"""
        (SELECT CASE WHEN q.parcel_id IS NULL THEN NULL
                     WHEN q.parcel_id = p.parcel_id THEN 'self'
                     WHEN q.retired_at IS NOT NULL THEN 'retired:' || q.retired_into
                     WHEN (q.commune_code, q.map_sheet, q.parcel_no) = (p.commune_code, p.map_sheet, p.parcel_no) THEN 'duplicate'
                     ELSE 'key:' || concat_ws(' / ', q.commune_code, coalesce(q.map_sheet::text, '?'), coalesce(q.parcel_no::text, '?')) END
         FROM parcels p LEFT JOIN parcels q ON q.parcel_id = {otherSql} WHERE p.parcel_id = {parcelSql})
        """;

    /// <summary>Why parcel <paramref name="other"/> cannot be retired into the case's parcel, from its <see cref="StateSql"/>; null when it can.</summary>
    public static string? Refusal(string other, string? state) => state switch
    {
        "duplicate" => null,
        null => $"{CorrectionFields.RetireDuplicate}: there is no parcel {other}",
        "self" => $"{CorrectionFields.RetireDuplicate}: a parcel cannot be retired into itself",
        _ when state.StartsWith("retired:", StringComparison.Ordinal) => $"{CorrectionFields.RetireDuplicate}: parcel {other} is already retired (into {state[8..]})",
        _ => $"{CorrectionFields.RetireDuplicate}: parcel {other} (commune / map sheet / parcel number {state[4..]}) is not a duplicate of this parcel; " +
             "only a parcel with the same commune + map sheet + parcel number can be retired into it",
    };

    /// <summary>
    /// Retires <paramref name="correction"/>'s parcel into the case's: the parcel row at once (refused
    /// when it is no longer a live duplicate), the rest — task, case, verdict and audit entries — as
    /// writes of the caller's batch.
    /// </summary>
    public static async Task RetireAsync(NpgsqlConnection conn, NpgsqlTransaction tx, NpgsqlBatch writes, ReviewCase @case,
        PendingCorrection correction, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var (retired, survivor) = (correction.After!, @case.ParcelId);
        await using (var cmd = new NpgsqlCommand("""
            UPDATE parcels q SET retired_at = $3, retired_by = $4, retired_into = p.parcel_id
            FROM parcels p
            WHERE q.parcel_id = $1 AND p.parcel_id = $2 AND q.parcel_id <> p.parcel_id AND q.retired_at IS NULL AND p.retired_at IS NULL
              AND (q.commune_code, q.map_sheet, q.parcel_no) = (p.commune_code, p.map_sheet, p.parcel_no)
            """, conn, tx) { Parameters = { Value(retired), Value(survivor), Value(now), Value(actor) } })
            if (await cmd.ExecuteNonQueryAsync(ct) == 0)
            {
                await using var state = new NpgsqlCommand($"SELECT {StateSql("$1", "$2")}", conn, tx) { Parameters = { Value(survivor), Value(retired) } };
                var why = Refusal(retired, await state.ExecuteScalarAsync(ct) as string) ?? $"parcel {survivor} is retired itself";
                throw new ReviewConflictException($"Parcel {retired} can no longer be retired into {survivor} ({why}); return the case to the commune.");
            }
        var reason = $"retired into {survivor} as its duplicate (case {@case.Id})";
        writes.BatchCommands.Add(AuditChain.AppendCommand(retired, actor, "parcel_retired", new
        {
            into = survivor, case_id = @case.Id, correction_id = correction.Id, proposed_by = correction.Actor,
        }));
        // Tasks before cases: the order in which a decision locks them.
        writes.BatchCommands.Add(Of($"""
            WITH withdrawn AS (
                UPDATE review_tasks SET status = 'Withdrawn', completed_at = $3, reason = $4, revision = revision + 1
                WHERE parcel_id = $1 AND status IN ('Open', 'Claimed')
                RETURNING id, case_id, stage, claimed_by)
            SELECT audit_append($1, $2, 'task_withdrawn', {AuditChain.WithOperatingSystemUser("""
                json_build_object('case_id', case_id, 'task_id', id, 'stage', stage, 'claimed_by', claimed_by, 'reason', $4)
                """)})
            FROM withdrawn
            """, Value(retired), Value(actor), Value(now), Value(reason)));
        writes.BatchCommands.Add(Of($"""
            WITH closed AS (
                UPDATE review_cases SET status = 'Parked', stage = '{Stage}', closed_at = $3
                WHERE parcel_id = $1 AND status = 'Open'
                RETURNING id, round)
            SELECT audit_append($1, $2, 'case_closed', {AuditChain.WithOperatingSystemUser($"""
                json_build_object('case_id', id, 'stage', '{Stage}', 'outcome', 'parked', 'round', round, 'reason', $4)
                """)})
            FROM closed
            """, Value(retired), Value(actor), Value(now), Value(reason)));
        // What its own case proposed will never be applied.
        writes.BatchCommands.Add(Of("UPDATE corrections SET status = 'Rejected', decided_at = $2 WHERE parcel_id = $1 AND status = 'Proposed'",
            Value(retired), Value(now)));
        // Derived data: a retired parcel has no current verdict, so no case opens for it again.
        writes.BatchCommands.Add(Of("DELETE FROM parcel_status WHERE parcel_id = $1", Value(retired)));
    }
}
