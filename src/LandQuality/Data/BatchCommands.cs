using Npgsql;

namespace LandQuality.Data;

/// <summary>Commands for an <see cref="NpgsqlBatch"/> (several statements, one round trip), with typed positional parameters ($1, $2 …).</summary>
public static class BatchCommands
{
    public static NpgsqlBatchCommand Of(string sql, params NpgsqlParameter[] parameters)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var p in parameters)
            cmd.Parameters.Add(p);
        return cmd;
    }

    public static NpgsqlParameter Value<T>(T value) => new NpgsqlParameter<T> { TypedValue = value };
}
