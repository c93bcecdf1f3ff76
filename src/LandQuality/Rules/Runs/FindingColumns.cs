using LandQuality.Rules.Evaluation;
using Npgsql;
using NpgsqlTypes;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Rules.Runs;

/// <summary>
/// The findings table as evaluation writes it: each column once, with its type and what it holds, and
/// both ways results are stored built from that one list — a batch's findings by binary COPY
/// (<see cref="ResultWriter"/>), one parcel's few by INSERT … unnest in the round trip that records its
/// run (<see cref="ParcelResultWriter"/>).
/// </summary>
static class FindingColumns
{
    /// <summary>A column after run_id (which is the run's, the same for every finding of a write).</summary>
    sealed record Column(string Name, string Type, Action<NpgsqlBinaryImporter, Finding> Copy, Func<IReadOnlyList<Finding>, NpgsqlParameter> ArrayOf);

    static Column Text(string name, Func<Finding, string> value) => new(name, "text",
        (copy, f) => copy.Write(value(f), NpgsqlDbType.Text), findings => Value(findings.Select(value).ToArray()));

    static Column Boolean(string name, Func<Finding, bool> value) => new(name, "boolean",
        (copy, f) => copy.Write(value(f), NpgsqlDbType.Boolean), findings => Value(findings.Select(value).ToArray()));

    static readonly Column[] Columns =
    [
        Text("parcel_id", f => f.ParcelId),
        Text("workflow", f => f.Workflow),
        Text("rule_name", f => f.RuleName),
        Text("dimension", f => Names.Of(f.Dimension)),
        Text("severity", f => Names.Of(f.Severity)),
        Text("stage", f => Names.Of(f.Stage)),
        Text("message", f => f.Message),
        Text("message_vi", f => f.MessageVi),
        Text("message_en", f => f.MessageEn),
        Boolean("is_rule_error", f => f.IsRuleError),
    ];

    static readonly string List = "run_id, " + string.Join(", ", Columns.Select(c => c.Name));

    public static readonly string CopySql = $"COPY findings ({List}) FROM STDIN (FORMAT BINARY)";

    /// <summary>One row of a COPY opened with <see cref="CopySql"/>.</summary>
    public static void Copy(NpgsqlBinaryImporter copy, long runId, Finding finding)
    {
        copy.StartRow();
        copy.Write(runId, NpgsqlDbType.Bigint);
        foreach (var column in Columns)
            column.Copy(copy, finding);
    }

    /// <summary>
    /// The findings as one INSERT, each column an array parameter ($1, $2 …), under the run that
    /// <paramref name="runIdSql"/> names (an expression: the run is inserted by an earlier statement of the same batch).
    /// </summary>
    public static NpgsqlBatchCommand InsertCommand(string runIdSql, IReadOnlyList<Finding> findings) => Of(
        $"INSERT INTO findings ({List}) SELECT {runIdSql}, u.* FROM unnest({string.Join(", ", Columns.Select((c, i) => $"${i + 1}::{c.Type}[]"))}) AS u",
        [.. Columns.Select(c => c.ArrayOf(findings))]);
}
