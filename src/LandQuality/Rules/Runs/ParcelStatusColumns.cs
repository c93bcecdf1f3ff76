using Npgsql;

namespace LandQuality.Rules.Runs;

/// <summary>
/// The parcel_status table as a run with verdicts writes it (<see cref="VerdictStore"/>): the verdict
/// columns once, with their types and values, and the update and the insert built from that list. Both
/// statements take the same parameters: $1 the parcel ids, $2 the run, $3 the rule-set version, then one
/// array per verdict column.
/// </summary>
static class ParcelStatusColumns
{
    sealed record Column(string Name, string Type, Func<List<ParcelVerdict>, Array> Values);

    static readonly Column[] Verdict =
    [
        new("correct", "boolean", vs => vs.Select(v => v.Correct).ToArray()),
        new("sufficient", "boolean", vs => vs.Select(v => v.Sufficient).ToArray()),
        new("clean", "boolean", vs => vs.Select(v => v.Clean).ToArray()),
        new("alive", "boolean", vs => vs.Select(v => v.Alive).ToArray()),
        new("errors", "integer", vs => vs.Select(v => v.Errors).ToArray()),
        new("warnings", "integer", vs => vs.Select(v => v.Warnings).ToArray()),
        new("failing", "text", vs => vs.Select(v => v.Failing).ToArray()),
    ];

    const int FirstVerdictParameter = 4;

    static string Each(Func<Column, string> sql) => string.Join(", ", Verdict.Select(sql));

    /// <summary>The last parameter: each parcel's status row version (xmin) as the writer read it, null where it had none.</summary>
    static readonly int ReadVersionParameter = FirstVerdictParameter + Verdict.Length;

    static readonly string Values =
        $"unnest($1::text[], {string.Join(", ", Verdict.Select((c, i) => $"${FirstVerdictParameter + i}::{c.Type}[]"))}, ${ReadVersionParameter}::text[]::xid[]) " +
        $"AS n(parcel_id, {Each(c => c.Name)}, read_version)";

    /// <summary>The parameters' values, once: a parameter belongs to one command, so each statement wraps them in its own (<see cref="Parameters"/>).</summary>
    /// <param name="readVersions">Per verdict, the xmin of the status row its previous verdict was read from; null for none.</param>
    public static object[] ValuesOf(RunContext run, List<ParcelVerdict> verdicts, string?[] readVersions) =>
        [verdicts.Select(v => v.ParcelId).ToArray(), run.RunId, run.VersionId, .. Verdict.Select(c => c.Values(verdicts)), readVersions];

    public static NpgsqlParameter[] Parameters(object[] values) => values.Select(v => new NpgsqlParameter { Value = v }).ToArray();

    // Every status column but the key changes, none of them indexed, and parcel_status keeps half of
    // each page free (fillfactor 50): the new row version goes on the same page with no index entry
    // (a HOT update), about half the work of deleting the row and inserting it again.
    // A batch is a run of consecutive parcel ids, so its rows are one range of the primary key: the
    // update reads that range once and merge-joins it with the sorted batch (the transaction turns
    // hash joins, which would read the whole table, and nested loops off).
    // The server computes the bounds, in the key's own collation, whatever the database's is.
    // Only a row still in the version the writer read is updated: another writer that changed it meanwhile
    // (a decision's re-evaluation beside a run) has committed by the time this update may take it, and a
    // changed xmin then leaves it out, for the writer to read again (VerdictStore) instead of counting a change
    // from a verdict that is gone.
    public static readonly string Update = $"""
        UPDATE parcel_status s SET run_id = $2, rule_set_version_id = $3, {Each(c => $"{c.Name} = n.{c.Name}")}, evaluated_at = now()
        FROM {Values} WHERE s.parcel_id = n.parcel_id AND s.xmin = n.read_version
            AND s.parcel_id >= (SELECT min(k) FROM unnest($1::text[]) k) AND s.parcel_id <= (SELECT max(k) FROM unnest($1::text[]) k)
        """;

    /// <summary>Parcels evaluated for the first time.</summary>
    public static readonly string InsertMissing = $"""
        INSERT INTO parcel_status (parcel_id, run_id, rule_set_version_id, {Each(c => c.Name)}, evaluated_at)
        SELECT n.parcel_id, $2, $3, {Each(c => $"n.{c.Name}")}, now() FROM {Values}
        ON CONFLICT (parcel_id) DO NOTHING
        """;
}
