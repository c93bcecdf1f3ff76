using LandQuality.Rules.Facts;
using Npgsql;

namespace LandQuality.Audit;

/// <summary>
/// The rows of one query in parcel order (code point order, PostgreSQL's "C"), taken parcel by parcel, on
/// a connection of its own: the verifier reads several of these side by side and merges them by parcel id,
/// so it holds one parcel's rows at a time whatever the database's size. A row out of order would pair
/// rows of different parcels: it stops the verification instead.
/// </summary>
sealed class ParcelOrderedRows<T> : IAsyncDisposable where T : class
{
    readonly NpgsqlConnection _conn;
    readonly NpgsqlCommand _cmd;
    readonly NpgsqlDataReader _reader;
    readonly Func<NpgsqlDataReader, T> _read;
    readonly int _parcelAt;
    T? _next;

    ParcelOrderedRows(NpgsqlConnection conn, NpgsqlCommand cmd, NpgsqlDataReader reader, Func<NpgsqlDataReader, T> read)
    {
        (_conn, _cmd, _reader, _read) = (conn, cmd, reader, read);
        _parcelAt = reader.GetOrdinal("parcel_id");
    }

    /// <summary>The parcel of the next row; null when every row was taken.</summary>
    public string? NextParcel { get; private set; }

    /// <param name="sql">Selects a column <c>parcel_id</c> and orders by it.</param>
    /// <param name="bind">Given the reader once, returns what reads one row (so column ordinals are looked up once).</param>
    public static async Task<ParcelOrderedRows<T>> OpenAsync(NpgsqlDataSource db, string sql, IEnumerable<NpgsqlParameter> parameters,
        Func<NpgsqlDataReader, Func<NpgsqlDataReader, T>> bind, CancellationToken ct)
    {
        var conn = await db.OpenConnectionAsync(ct);
        var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddRange(parameters.ToArray());
        var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new ParcelOrderedRows<T>(conn, cmd, reader, bind(reader));
        await rows.AdvanceAsync(ct);
        return rows;
    }

    /// <summary>Every row of <paramref name="parcel"/> (none when the next row belongs to a later parcel).</summary>
    public async Task<List<T>> TakeAsync(string parcel, CancellationToken ct)
    {
        var rows = new List<T>();
        while (_next is not null && NextParcel == parcel)
        {
            rows.Add(_next);
            await AdvanceAsync(ct);
        }
        return rows;
    }

    async Task AdvanceAsync(CancellationToken ct)
    {
        var previous = NextParcel;
        if (!await _reader.ReadAsync(ct))
        {
            (_next, NextParcel) = (null, null);
            return;
        }
        NextParcel = _reader.GetString(_parcelAt);
        if (previous is not null && CodePointOrder.Compare(previous, NextParcel) > 0)
            throw new InvalidOperationException($"Rows came out of parcel order ({previous} before {NextParcel}): the verification cannot pair them.");
        _next = _read(_reader);
    }

    public async ValueTask DisposeAsync()
    {
        // Left early (a failure elsewhere): stop the query rather than read the rest of it.
        if (NextParcel is not null)
            _cmd.Cancel();
        try
        {
            await _reader.DisposeAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled)
        {
        }
        await _cmd.DisposeAsync();
        await _conn.DisposeAsync();
    }
}
