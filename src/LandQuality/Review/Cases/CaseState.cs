using LandQuality.Review.Definitions;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Cases;

/// <summary>A correction proposed earlier in the case and not decided yet.</summary>
sealed record PendingCorrection(long Id, string Field, string? Before, string? After, string Actor);

/// <summary>
/// A case locked for a transition with everything the transition and the next stage need, read as
/// part of the caller's one batch: the case row (<c>FOR UPDATE</c>), the review stages of the
/// parcel's open error findings (for the guards), the corrections still pending, and the parcel's
/// error count (the priority of a new task).
/// </summary>
sealed class CaseState
{
    public required ReviewCase Case { get; init; }
    public required IReadOnlyList<PendingCorrection> Pending { get; init; }
    public required IReadOnlyList<string> ErrorStages { get; init; }
    public int Priority { get; init; }

    public ReviewContext Context => CaseContext.From(ErrorStages, Case);

    /// <summary>Four commands; <paramref name="caseIdSql"/> names the case through $1 (its id, or a subquery on a task id).</summary>
    public static IEnumerable<NpgsqlBatchCommand> ReadCommands(string caseIdSql, Func<NpgsqlParameter> key)
    {
        var parcelSql = $"(SELECT parcel_id FROM review_cases WHERE id = {caseIdSql})";
        yield return Of($"""
            SELECT id, parcel_id, commune_code, workflow_id, workflow_version, stage, status, round, police_confirmed, opened_by
            FROM review_cases WHERE id = {caseIdSql} FOR UPDATE
            """, key());
        yield return Of(CaseContext.StagesSql(parcelSql), key());
        yield return Of($"SELECT id, field, before, after, actor FROM corrections WHERE case_id = {caseIdSql} AND status = 'Proposed' ORDER BY id", key());
        yield return Of($"SELECT errors FROM parcel_status WHERE parcel_id = {parcelSql}", key());
    }

    /// <summary>Reads the four results of <see cref="ReadCommands"/>, leaving the reader on the next one; null when there is no such case.</summary>
    public static async Task<CaseState?> ReadAsync(NpgsqlDataReader r, CancellationToken ct)
    {
        ReviewCase? @case = null;
        if (await r.ReadAsync(ct))
            @case = new ReviewCase
            {
                Id = r.GetInt64(0), ParcelId = r.GetString(1), CommuneCode = r.GetString(2), WorkflowId = r.GetString(3), WorkflowVersion = r.GetInt32(4),
                Stage = r.GetString(5), Status = Enum.Parse<CaseStatus>(r.GetString(6)), Round = r.GetInt32(7), PoliceConfirmed = r.GetBoolean(8),
                OpenedBy = r.GetString(9),
            };
        await r.NextResultAsync(ct);
        var stages = new List<string>();
        while (await r.ReadAsync(ct))
            stages.Add(r.GetString(0));
        await r.NextResultAsync(ct);
        var pending = new List<PendingCorrection>();
        while (await r.ReadAsync(ct))
            pending.Add(new PendingCorrection(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4)));
        await r.NextResultAsync(ct);
        var priority = await r.ReadAsync(ct) ? r.GetInt32(0) : 0;
        await r.NextResultAsync(ct);
        return @case is null ? null : new CaseState { Case = @case, ErrorStages = stages, Pending = pending, Priority = priority };
    }
}
