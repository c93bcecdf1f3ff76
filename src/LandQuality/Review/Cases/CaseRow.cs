using LandQuality.Data;
using Npgsql;

namespace LandQuality.Review.Cases;

/// <summary>
/// A review case as the workflow's own SQL reads it to lock and move it (no change tracker on these
/// paths): the columns a transition checks, read into the entity.
/// </summary>
static class CaseRow
{
    /// <summary>The columns, for a statement that names review_cases <c>c</c>.</summary>
    public static readonly ColumnList Columns = new("c.id", "c.parcel_id", "c.commune_code", "c.workflow_id", "c.workflow_version",
        "c.stage", "c.status", "c.round", "c.police_confirmed", "c.opened_by");

    static readonly int Id = Columns["id"], ParcelId = Columns["parcel_id"], CommuneCode = Columns["commune_code"],
        WorkflowId = Columns["workflow_id"], WorkflowVersion = Columns["workflow_version"], Stage = Columns["stage"],
        Status = Columns["status"], Round = Columns["round"], PoliceConfirmed = Columns["police_confirmed"], OpenedBy = Columns["opened_by"];

    /// <summary>The case from <see cref="Columns"/>, which start at ordinal <paramref name="first"/> of the row (after a task's, say).</summary>
    public static ReviewCase Read(NpgsqlDataReader r, int first = 0) => ReviewCase.Restore(
        r.GetInt64(first + Id), r.GetString(first + ParcelId), r.GetString(first + CommuneCode), r.GetString(first + WorkflowId),
        r.GetInt32(first + WorkflowVersion), r.GetString(first + Stage), Enum.Parse<CaseStatus>(r.GetString(first + Status)),
        r.GetInt32(first + Round), r.GetBoolean(first + PoliceConfirmed), r.GetString(first + OpenedBy));
}
