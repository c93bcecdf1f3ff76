using Npgsql;

namespace LandQuality.Rules.Facts;

/// <summary>The planner's estimate of a table's rows (as of its last ANALYZE or VACUUM), for sizing in-memory tables once.</summary>
static class RowEstimate
{
    /// <summary>0 when the table was never analysed; never more than a capacity can hold.</summary>
    public static async Task<int> OfAsync(NpgsqlDataSource db, string table, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT greatest(reltuples, 0)::float8 FROM pg_class WHERE oid = to_regclass($1)");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
        return await cmd.ExecuteScalarAsync(ct) is double rows ? (int)Math.Min(rows * 1.05, 100_000_000) : 0;
    }
}
