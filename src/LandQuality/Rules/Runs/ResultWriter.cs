using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;
using Npgsql;
using NpgsqlTypes;

namespace LandQuality.Rules.Runs;

/// <summary>
/// Writes one batch of a run's results in one transaction: the findings by binary COPY, each
/// parcel's status per dimension replaced, and the resume marker naming the batch's last parcel.
/// Either all of a batch is stored or none of it. (One parcel's re-evaluation: <see cref="ParcelResultWriter"/>.)
/// </summary>
static class ResultWriter
{
    public static async Task WriteAsync(NpgsqlConnection conn, long runId, long versionId, IReadOnlyList<ParcelFacts> parcels,
        IReadOnlyList<Finding> findings, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY findings (run_id, parcel_id, workflow, rule_name, dimension, severity, stage, message, is_rule_error) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var f in findings)
            {
                copy.StartRow();
                copy.Write(runId, NpgsqlDbType.Bigint);
                copy.Write(f.ParcelId, NpgsqlDbType.Text);
                copy.Write(f.Workflow, NpgsqlDbType.Text);
                copy.Write(f.RuleName, NpgsqlDbType.Text);
                copy.Write(Names.Of(f.Dimension), NpgsqlDbType.Text);
                copy.Write(Names.Of(f.Severity), NpgsqlDbType.Text);
                copy.Write(Names.Of(f.Stage), NpgsqlDbType.Text);
                copy.Write(f.Message, NpgsqlDbType.Text);
                copy.Write(f.IsRuleError, NpgsqlDbType.Boolean);
            }
            await copy.CompleteAsync(ct);
        }

        var ids = parcels.Select(p => p.ParcelId).ToArray();
        await using (var delete = new NpgsqlCommand("DELETE FROM parcel_status WHERE parcel_id = ANY($1)", conn, tx))
        {
            delete.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids });
            await delete.ExecuteNonQueryAsync(ct);
        }
        var verdicts = ParcelVerdict.Of(parcels, findings);
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY parcel_status (parcel_id, run_id, rule_set_version_id, correct, sufficient, clean, alive, errors, warnings, evaluated_at) " +
            "FROM STDIN (FORMAT BINARY)", ct))
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var v in verdicts)
            {
                copy.StartRow();
                copy.Write(v.ParcelId, NpgsqlDbType.Text);
                copy.Write(runId, NpgsqlDbType.Bigint);
                copy.Write(versionId, NpgsqlDbType.Bigint);
                copy.Write(v.Correct, NpgsqlDbType.Boolean);
                copy.Write(v.Sufficient, NpgsqlDbType.Boolean);
                copy.Write(v.Clean, NpgsqlDbType.Boolean);
                copy.Write(v.Alive, NpgsqlDbType.Boolean);
                copy.Write(v.Errors, NpgsqlDbType.Integer);
                copy.Write(v.Warnings, NpgsqlDbType.Integer);
                copy.Write(now, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync(ct);
        }

        await using (var mark = new NpgsqlCommand(
            "INSERT INTO evaluation_run_batches (run_id, last_parcel_id, parcels, findings, done_at) VALUES ($1, $2, $3, $4, now())", conn, tx))
        {
            mark.Parameters.Add(new NpgsqlParameter<long> { TypedValue = runId });
            mark.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parcels[^1].ParcelId }); // batches come in parcel-id order
            mark.Parameters.Add(new NpgsqlParameter<long> { TypedValue = parcels.Count });
            mark.Parameters.Add(new NpgsqlParameter<long> { TypedValue = findings.Count });
            await mark.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
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

    public static string Of(ReviewStage s) => s switch
    {
        ReviewStage.Commune => "commune", ReviewStage.Department => "department", _ => "police",
    };
}
