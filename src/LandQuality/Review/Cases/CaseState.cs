using System.Data;
using LandQuality.Data;
using LandQuality.Review.Definitions;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Cases;

/// <summary>A correction proposed earlier in the case and not decided yet.</summary>
sealed record PendingCorrection(long Id, string Field, string? Before, string? After, string Actor);

/// <summary>
/// A case locked for a transition with everything the transition and the next stage need, read as
/// parts of the caller's one batch: the case row (selected <c>FOR UPDATE</c> by the caller, with
/// <see cref="CaseRow.Columns"/>), then — after the lock — the review stages of the parcel's open error
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

    /// <summary>The stages array and the error count, two columns (<see cref="ReadContext"/>); <paramref name="parcelSql"/> names the parcel.</summary>
    public static string ContextColumns(string parcelSql) =>
        $"ARRAY({CaseContext.StagesSql(parcelSql)}) AS error_stages, (SELECT errors FROM parcel_status WHERE parcel_id = {parcelSql}) AS error_count";

    /// <summary>The two <see cref="ContextColumns"/> of the current row: the stages, and the error count as the priority of a new task (0 before any evaluation).</summary>
    public static (string[] Stages, int Priority) ReadContext(NpgsqlDataReader r) =>
        (r.GetFieldValue<string[]>("error_stages"), r.GetValueOrNull<int>("error_count") ?? 0);

    /// <summary>The pending corrections; <paramref name="caseIdSql"/> names the case through <paramref name="key"/> ($1).</summary>
    public static NpgsqlBatchCommand PendingCommand(string caseIdSql, NpgsqlParameter key) =>
        Of($"SELECT id, field, before, after, actor FROM corrections WHERE case_id = {caseIdSql} AND status = 'Proposed' ORDER BY id", key);

    /// <summary>The state from the case, the two <see cref="ContextColumns"/> (already read), and the result of <see cref="PendingCommand"/>, read to its end.</summary>
    public static async Task<CaseState> ReadAsync(ReviewCase @case, string[] stages, int priority, NpgsqlDataReader pending, CancellationToken ct)
    {
        var list = new List<PendingCorrection>();
        while (await pending.ReadAsync(ct))
            list.Add(new PendingCorrection(pending.GetInt64("id"), pending.GetString("field"), pending.GetStringOrNull("before"),
                pending.GetStringOrNull("after"), pending.GetString("actor")));
        return new CaseState { Case = @case, ErrorStages = stages, Pending = list, Priority = priority };
    }
}
