using System.Runtime.CompilerServices;
using LandQuality.Data;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Rules.Facts;

/// <summary>
/// Builds <see cref="ParcelFacts"/> from PostgreSQL. A run streams three queries at once — parcels
/// with certificates, purposes, owners — each in primary-key order, so PostgreSQL walks its indexes
/// and sorts nothing, and the first parcels arrive at once. They are stitched together as they
/// arrive; owners meet their registry record in memory (<see cref="RegistryMatches"/>). Batches are
/// a fixed number of parcels in parcel-id order: a run commits batch by batch and resumes after the
/// last parcel it stored. Each row is read by its row type (<see cref="ParcelRow"/>, <see cref="PurposeRow"/>,
/// <see cref="OwnerRow"/>), which owns its columns.
/// </summary>
public static class ParcelFactsReader
{
    /// <summary>
    /// Parcels per batch: large enough that a batch's commit or hand-over costs nothing, small enough
    /// that the few batches in flight between the stages die young, in the garbage collector's
    /// youngest generation, instead of being promoted and collected again in full collections.
    /// </summary>
    public const int DefaultBatchSize = 5_000;

    /// <summary>
    /// A retired parcel (a duplicate retired into another record) is not evaluated: it is left out of the
    /// parcel stream, and its purposes and owners, whose parcel the stream never names, are passed over
    /// as orphans are (<see cref="ChildRows"/>).
    /// </summary>
    const string Live = "p.retired_at IS NULL";

    /// <summary>
    /// The parcels after <paramref name="afterParcelId"/> (all when null) of everything or of
    /// <paramref name="onlyCommune"/>, in parcel-id order, <paramref name="batchSize"/> at a time.
    /// </summary>
    public static IAsyncEnumerable<List<ParcelFacts>> ReadAsync(NpgsqlDataSource db, SetWideFacts setWide,
        string? onlyCommune, string? afterParcelId, DateOnly evaluatedOn, int batchSize, CancellationToken ct) =>
        ReadAsync(db, setWide, onlyCommune is null ? Scope.All : Scope.Commune(onlyCommune), afterParcelId, evaluatedOn, batchSize, ct);

    /// <summary>
    /// Only the parcels <paramref name="parcelIds"/> names (a sample, a partition, what changed), in parcel-id order;
    /// each query finds their rows through its primary key instead of walking the whole table (<see cref="KeyProbes"/>).
    /// </summary>
    public static IAsyncEnumerable<List<ParcelFacts>> ReadParcelsAsync(NpgsqlDataSource db, SetWideFacts setWide,
        string[] parcelIds, DateOnly evaluatedOn, int batchSize, CancellationToken ct) =>
        ReadAsync(db, setWide, Scope.Parcels(parcelIds), null, evaluatedOn, batchSize, ct);

    /// <summary>
    /// Which parcels a read covers, as a condition on $2 for the parcels (alias p) and for a child table
    /// (its alias given), whether a child needs its parcel joined to know it, and $2 itself (a new
    /// parameter per command: one cannot belong to two). <paramref name="ByKey"/>: the rows are found by key
    /// (<see cref="KeyProbes"/>): given 15,000 of 1.12M parcels the planner scanned the owners and purposes whole,
    /// and hashed all certificates, for each read.
    /// </summary>
    sealed record Scope(string ParcelCondition, Func<string, string> ChildCondition, bool JoinParents, Func<NpgsqlParameter>? Value,
        bool ByKey = false)
    {
        public static readonly Scope All = new("", _ => "", false, null);

        public static Scope Commune(string code) =>
            new(" AND p.commune_code = $2", _ => " AND p.commune_code = $2", true, () => new NpgsqlParameter<string> { TypedValue = code });

        public static Scope Parcels(string[] ids) =>
            new(" AND p.parcel_id = ANY($2)", alias => $" AND {alias}.parcel_id = ANY($2)", false, () => new NpgsqlParameter<string[]> { TypedValue = ids },
                ByKey: true);
    }

    static async IAsyncEnumerable<List<ParcelFacts>> ReadAsync(NpgsqlDataSource db, SetWideFacts setWide,
        Scope scope, string? afterParcelId, DateOnly evaluatedOn, int batchSize,
        [EnumeratorCancellation] CancellationToken ct)
    {
        // Stitching and resuming compare parcel ids the way the sort does: by code point (collation "C").
        // A database created by LandQuality has that collation, so the primary-key indexes give the order;
        // any other database is told explicitly, and then sorts.
        var c = await UsesCodePointOrderAsync(db, ct) ? "" : " COLLATE \"C\"";
        // Children of one commune need their parcels to know it; the whole set needs no join.
        string Parents(string alias) => scope.JoinParents ? $" JOIN parcels p ON p.parcel_id = {alias}.parcel_id" : "";
        await using var parcels = await OpenAsync(db,
            $"{ParcelRow.Select} WHERE p.parcel_id{c} > $1{scope.ParcelCondition} AND {Live} ORDER BY p.parcel_id{c}", afterParcelId, scope, ct);
        await using var purposes = await OpenAsync(db,
            $"{PurposeRow.Select}{Parents("x")} WHERE x.parcel_id{c} > $1{scope.ChildCondition("x")} ORDER BY x.parcel_id{c}, x.seq", afterParcelId, scope, ct);
        await using var owners = await OpenAsync(db,
            $"{OwnerRow.SelectColumns} FROM owners o{Parents("o")} WHERE o.parcel_id{c} > $1{scope.ChildCondition("o")} ORDER BY o.parcel_id{c}, o.seq",
            afterParcelId, scope, ct);
        // Rows are read synchronously: this runs on its own pipeline stage, and an awaited read per
        // row of 4M rows cost measurably more CPU than the thread it would free.
        var purposeRows = new ChildRows(purposes.Reader, PurposeRow.ParcelId);
        var ownerRows = new ChildRows(owners.Reader, OwnerRow.ParcelId);
        purposeRows.Next();
        ownerRows.Next();
        var shared = new SharedStrings();
        // Gathered here, kept as exact arrays: a parcel's facts are then one object fewer per collection to allocate and to reach.
        var purposeList = new List<PurposeFacts>();
        var ownerList = new List<OwnerFacts>();
        var batch = new List<ParcelFacts>(batchSize);
        while (parcels.Reader.Read())
        {
            var id = parcels.Reader.GetString(ParcelRow.ParcelId);
            purposeList.Clear();
            purposeRows.SkipBefore(id);
            while (purposeRows.ParcelId == id)
            {
                purposeList.Add(PurposeRow.Read(purposes.Reader, shared));
                purposeRows.Next();
            }
            ownerList.Clear();
            ownerRows.SkipBefore(id);
            while (ownerRows.ParcelId == id)
            {
                ownerList.Add(OwnerRow.Read(owners.Reader, setWide.Registry, setWide.Cross));
                ownerRows.Next();
            }
            batch.Add(ParcelRow.Read(parcels.Reader, id, [.. purposeList], [.. ownerList], setWide.Cross, evaluatedOn, shared));
            if (batch.Count == batchSize)
            {
                ct.ThrowIfCancellationRequested();
                yield return batch;
                batch = new List<ParcelFacts>(batchSize);
            }
        }
        if (batch.Count > 0)
            yield return batch;
    }

    /// <summary>
    /// The current row of a child stream (purposes or owners) and its parcel id. A child whose parcel
    /// does not exist — the importer never writes one, but the database does not forbid it — sorts
    /// before the next real parcel and is passed over, so it cannot shift its neighbours' children.
    /// </summary>
    sealed class ChildRows(NpgsqlDataReader reader, int parcelIdOrdinal)
    {
        public string? ParcelId { get; private set; }

        public void Next() => ParcelId = reader.Read() ? reader.GetString(parcelIdOrdinal) : null;

        public void SkipBefore(string parcelId)
        {
            while (ParcelId is not null && CodePointOrder.Compare(ParcelId, parcelId) < 0)
                Next();
        }
    }

    static async Task<bool> UsesCodePointOrderAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT datcollate IN ('C', 'POSIX') FROM pg_database WHERE datname = current_database()");
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// One parcel with everything it needs, for re-evaluation after a correction: its cross-record
    /// facts, purposes, owners with their registry match and the parcel itself, in one round trip.
    /// Null when there is no such parcel, or it is retired.
    /// </summary>
    public static async Task<ParcelFacts?> ReadParcelAsync(NpgsqlDataSource db, string parcelId, DateOnly evaluatedOn, CancellationToken ct)
    {
        await using var batch = db.CreateBatch();
        foreach (var sql in (string[])[.. CrossRecordFacts.ForParcelSql, $"{PurposeRow.Select} WHERE x.parcel_id = $1 ORDER BY x.seq",
                     $"{OwnerRow.SelectWithRegistry} WHERE o.parcel_id = $1 ORDER BY o.seq", $"{ParcelRow.Select} WHERE p.parcel_id = $1 AND {Live}"])
            batch.BatchCommands.Add(Of(sql, Value(parcelId)));
        await using var r = await batch.ExecuteReaderAsync(ct);
        var cross = await CrossRecordFacts.ReadForParcelAsync(r, ct);
        var shared = new SharedStrings();
        await r.NextResultAsync(ct);
        var purposes = new List<PurposeFacts>();
        while (await r.ReadAsync(ct))
            purposes.Add(PurposeRow.Read(r, shared));
        await r.NextResultAsync(ct);
        var owners = new List<OwnerFacts>();
        while (await r.ReadAsync(ct))
            owners.Add(OwnerRow.Read(r, null, cross));
        await r.NextResultAsync(ct);
        return await r.ReadAsync(ct) ? ParcelRow.Read(r, parcelId, [.. purposes], [.. owners], cross, evaluatedOn, shared) : null;
    }

    /// <summary>A reader with its own connection, so the three streams can be open at once.</summary>
    static async Task<OpenReader> OpenAsync(NpgsqlDataSource db, string sql, string? afterParcelId, Scope scope, CancellationToken ct)
    {
        var conn = await db.OpenConnectionAsync(ct);
        try
        {
            var tx = scope.ByKey ? await KeyProbes.BeginAsync(conn, ct) : null;
            var cmd = new NpgsqlCommand(sql, conn, tx);
            // "" sorts before every parcel id, so a fresh run needs no second form of each query.
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = afterParcelId ?? "" });
            if (scope.Value is { } value)
                cmd.Parameters.Add(value());
            return new OpenReader(conn, tx, cmd, await cmd.ExecuteReaderAsync(ct));
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    /// <summary>The probing transaction, when there is one, only read: disposing it rolls it back.</summary>
    sealed record OpenReader(NpgsqlConnection Connection, NpgsqlTransaction? Transaction, NpgsqlCommand Command, NpgsqlDataReader Reader)
        : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Reader.DisposeAsync();
            await Command.DisposeAsync();
            if (Transaction is not null)
                await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
