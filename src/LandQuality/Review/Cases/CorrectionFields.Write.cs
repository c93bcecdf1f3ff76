using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Cases;

/// <summary>The write side of <see cref="CorrectionFields"/>: a checked, approved correction written into the land record.</summary>
static partial class CorrectionFields
{
    /// <summary>Writes a checked correction (all but a retirement); returns the number an added owner was given.</summary>
    public static async Task<int?> WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string parcelId, string field, string? value, CancellationToken ct)
    {
        var t = Resolve(field)!;
        switch (t.Kind)
        {
            case Kind.LandUse:
                CorrectionText.TryParseLandUse(value, out var purposes, out _);
                await using (var batch = new NpgsqlBatch(conn, tx))
                {
                    batch.BatchCommands.Add(Of("DELETE FROM parcel_purposes WHERE parcel_id = $1", Value(parcelId)));
                    batch.BatchCommands.Add(Of("""
                        INSERT INTO parcel_purposes (parcel_id, seq, code, area_m2)
                        SELECT $1, n, code, area FROM unnest($2::text[], $3::numeric[]) WITH ORDINALITY AS p(code, area, n)
                        """, Value(parcelId), Value<string[]>([.. purposes.Select(p => p.Code)]), Value<decimal?[]>([.. purposes.Select(p => p.AreaM2)])));
                    await batch.ExecuteNonQueryAsync(ct);
                }
                return null;
            case Kind.Owner when value is null:
                return await OwnerCommandAsync(conn, tx, "DELETE FROM owners WHERE parcel_id = $1 AND seq = $2", parcelId, t.Seq, null, field, ct);
            case Kind.Owner:
                return await OwnerCommandAsync(conn, tx, """
                    UPDATE owners SET full_name = $3, birth_date = $4, birth_year = $5, gender = $6, id_number = $7, share = $8
                    WHERE parcel_id = $1 AND seq = $2
                    """, parcelId, t.Seq, value, field, ct);
            case Kind.OwnerAdd:
                // The parcel's import stays the owner's provenance; who added it is in the audit chain.
                return await OwnerCommandAsync(conn, tx, """
                    INSERT INTO owners (parcel_id, seq, full_name, birth_date, birth_year, gender, id_number, share, import_id)
                    SELECT $1, coalesce((SELECT max(seq) FROM owners WHERE parcel_id = $1), 0) + 1, $3, $4, $5, $6, $7, $8, p.import_id
                    FROM parcels p WHERE p.parcel_id = $1
                    RETURNING seq
                    """, parcelId, null, value, field, ct);
        }
        await WriteColumnAsync(conn, tx, parcelId, field, t, value, ct);
        return null;
    }

    /// <summary>One owner statement: $1 the parcel, $2 the owner's number, $3–$8 the owner's columns when a value is given.</summary>
    static async Task<int?> OwnerCommandAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, string parcelId, int? seq,
        string? value, string field, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.Add(Value(parcelId));
        cmd.Parameters.Add(Value(seq));
        if (value is not null)
        {
            CorrectionText.TryParseOwner(value, out var o, out _);
            cmd.Parameters.Add(Value(o!.FullName));
            cmd.Parameters.Add(Value(o.BirthDate));
            cmd.Parameters.Add(Value(o.BirthYear));
            cmd.Parameters.Add(Value(o.Gender));
            cmd.Parameters.Add(Value(o.IdNumber));
            cmd.Parameters.Add(Value(o.Share));
        }
        if (seq is null) // an insert, returning the number it gave
            return (int)(await cmd.ExecuteScalarAsync(ct) ?? throw new Queue.ReviewException($"Parcel {parcelId} does not exist."));
        if (await cmd.ExecuteNonQueryAsync(ct) == 0)
            throw new Queue.ReviewException($"{field} of parcel {parcelId} does not exist (no such owner?).");
        return null;
    }

    static async Task WriteColumnAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string parcelId, string field, Target t, string? value, CancellationToken ct)
    {
        var (f, seq) = (t.Field!, t.Seq);
        var parsed = f.Parse(value).Value;
        string sql;
        if (f.Table == "certificates")
            sql = $"INSERT INTO certificates (parcel_id, {f.Column}) VALUES ($1, $2) ON CONFLICT (parcel_id) DO UPDATE SET {f.Column} = EXCLUDED.{f.Column}";
        else if (f.Column == "birth_date")
            sql = "UPDATE owners SET birth_date = $2, birth_year = $4 WHERE parcel_id = $1 AND seq = $3";
        else
            sql = $"UPDATE {f.Table} SET {f.Column} = $2 WHERE parcel_id = $1" + (seq is null ? "" : " AND seq = $3");
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parcelId });
        if (parsed is ValueTuple<DateOnly?, int?> birth)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)birth.Item1 ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
            cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = seq!.Value });
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)birth.Item2 ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        }
        else
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = parsed ?? DBNull.Value });
            if (seq is { } s)
                cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = s });
        }
        if (await cmd.ExecuteNonQueryAsync(ct) == 0)
            throw new Queue.ReviewException($"{field} of parcel {parcelId} does not exist (no such owner?).");
    }
}
