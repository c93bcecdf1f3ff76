using LandQuality.Review.Definitions;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Cases;

/// <summary>A correction proposed earlier in the case and not decided yet.</summary>
sealed record PendingCorrection(long Id, string Field, string? Before, string? After, string Actor);

/// <summary>
/// A case locked for a transition with everything the transition and the next stage need, read as
/// parts of the caller's one batch: the case row (selected <c>FOR UPDATE</c> by the caller, with
/// <see cref="Columns"/>), then — after the lock — the review stages of the parcel's open error
/// findings (for the guards) and the parcel's error count (the priority of a new task) as two
/// columns of a later statement, and the corrections still pending as a statement of their own.
/// </summary>
sealed class CaseState
{
    public required ReviewCase Case { get; init; }
    public required IReadOnlyList<PendingCorrection> Pending { get; init; }
    public required IReadOnlyList<string> ErrorStages { get; init; }
    public int Priority { get; init; }

    public ReviewContext Context => CaseContext.From(ErrorStages, Case);

    /// <summary>The case row's columns, ten of them, for a statement that names review_cases as <c>c</c>.</summary>
    public const string Columns = "c.id, c.parcel_id, c.commune_code, c.workflow_id, c.workflow_version, c.stage, c.status, c.round, c.police_confirmed, c.opened_by";

    /// <summary>The stages array and the error count, two columns; <paramref name="parcelSql"/> names the parcel.</summary>
    public static string ContextColumns(string parcelSql) =>
        $"ARRAY({CaseContext.StagesSql(parcelSql)}), (SELECT errors FROM parcel_status WHERE parcel_id = {parcelSql})";

    /// <summary>The pending corrections; <paramref name="caseIdSql"/> names the case through <paramref name="key"/> ($1).</summary>
    public static NpgsqlBatchCommand PendingCommand(string caseIdSql, NpgsqlParameter key) =>
        Of($"SELECT id, field, before, after, actor FROM corrections WHERE case_id = {caseIdSql} AND status = 'Proposed' ORDER BY id", key);

    /// <summary>The case from the ten <see cref="Columns"/> starting at <paramref name="first"/>.</summary>
    public static ReviewCase ReadCase(NpgsqlDataReader r, int first) => new()
    {
        Id = r.GetInt64(first), ParcelId = r.GetString(first + 1), CommuneCode = r.GetString(first + 2), WorkflowId = r.GetString(first + 3),
        WorkflowVersion = r.GetInt32(first + 4), Stage = r.GetString(first + 5), Status = Enum.Parse<CaseStatus>(r.GetString(first + 6)),
        Round = r.GetInt32(first + 7), PoliceConfirmed = r.GetBoolean(first + 8), OpenedBy = r.GetString(first + 9),
    };

    /// <summary>The state from the case, the two <see cref="ContextColumns"/> (already read), and the result of <see cref="PendingCommand"/>, read to its end.</summary>
    public static async Task<CaseState> ReadAsync(ReviewCase @case, string[] stages, int priority, NpgsqlDataReader pending, CancellationToken ct)
    {
        var list = new List<PendingCorrection>();
        while (await pending.ReadAsync(ct))
            list.Add(new PendingCorrection(pending.GetInt64(0), pending.GetString(1), pending.IsDBNull(2) ? null : pending.GetString(2),
                pending.IsDBNull(3) ? null : pending.GetString(3), pending.GetString(4)));
        return new CaseState { Case = @case, ErrorStages = stages, Pending = list, Priority = priority };
    }
}
