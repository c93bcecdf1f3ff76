using LandQuality.Audit;
using LandQuality.Imports;
using LandQuality.Interchange;
using Npgsql;

namespace LandQuality.IntegrationTests.Imports;

/// <summary>
/// A first import, into empty tables, takes shortcuts a later one cannot: the tables' primary keys find duplicate
/// keys, and every chain of the history is new, so its first entries and heads are written in one pass
/// (<c>audit_start_many</c>). What it leaves must be what the general path leaves.
/// </summary>
public sealed class FirstImportTests : IAsyncLifetime
{
    readonly TestDatabase db = new();

    // A database of its own per test: each test needs the tables empty.
    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();

    static string Parcel(string id, string address = "Thôn 1", string landUse = "ONT:300", string certificate = "CS 12345,CH01234,2011-01-02",
        string geometry = "") => $"{id},19753,9,1,{address},300,300,{landUse},{certificate},{geometry},2024-01-02";

    Task<ImportSummary> Import(ImportFixtureFiles files) =>
        new Importer(db.Database).RunAsync(files.Directory, "test", null, CancellationToken.None);

    [Fact]
    public async Task A_first_import_starts_each_chain_in_one_pass_with_the_entries_the_general_append_writes()
    {
        // Text that the state's record form must quote (commas, quotes, parentheses, backslashes) and multi-byte text.
        using var files = new ImportFixtureFiles()
            .Parcels(
                Parcel("N-1", address: "\"Kiệt 4, \"\"Lê Lợi\"\" (Phú Xuân)\"", landUse: "ODT:120;CLN:80.5"),
                Parcel("N-2", certificate: ",,", geometry: "\"POLYGON ((1 2, 3 4, 5 6, 1 2))\""),
                Parcel("N-3", address: "C:\\thôn\\2"),
                Parcel("N-4"))
            .Owners("N-1,Nguyễn Văn An,1980-02-03,M,046080000001,0.5", "N-1,\"Trần \"\"Bé\"\" Bình\",1982,F,046182000002,0.5",
                    "N-3,Lê Văn Tâm,1985-01-02,M,,");

        var summary = await Import(files);

        Assert.Contains(summary.Phases, p => p.Name == "hash chains: imported entries, new chains");
        var result = await AuditVerifier.VerifyAsync(db.Database.DataSource, new VerifyOptions(), CancellationToken.None);
        Assert.True(result.Intact, string.Join("; ", result.Breaks));
        Assert.Equal((4L, 4L, 0L), (result.Events, result.FieldsCompared, result.FieldsNotRecorded));
        var entries = await EntriesAsync(db);
        Assert.All(entries, e => Assert.Equal((1, AuditChain.Genesis), (e.Seq, e.PrevHash)));
        Assert.Equal(["N-1", "N-2", "N-3", "N-4"], entries.Select(e => e.ParcelId));
        Assert.Equal(await GeneralPayloadsAsync(summary.ImportId, ["N-1", "N-2", "N-3", "N-4"]), entries.Select(e => e.Payload));

        // The same entries through the general append, in a database with no chain: hash for hash the same, heads too.
        var general = new TestDatabase();
        await general.InitializeAsync();
        try
        {
            var first = entries[0];
            await using (var append = general.Database.DataSource.CreateCommand("SELECT audit_append_many($1, $2, $3, $4, $5)"))
            {
                append.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = first.At });
                append.Parameters.Add(new NpgsqlParameter<string> { TypedValue = first.Actor });
                append.Parameters.Add(new NpgsqlParameter<string> { TypedValue = first.Kind });
                append.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = entries.Select(e => e.ParcelId).ToArray() });
                append.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = entries.Select(e => e.Payload).ToArray() });
                Assert.Equal(4L, await append.ExecuteScalarAsync());
            }
            Assert.Equal(entries, await EntriesAsync(general));
            Assert.Equal(await HeadsAsync(db), await HeadsAsync(general));
        }
        finally
        {
            await general.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_first_import_rejects_duplicate_keys_by_line_and_keeps_the_first_occurrence()
    {
        using var files = new ImportFixtureFiles()
            .Parcels(Parcel("K-1"), Parcel("K-2"), Parcel("K-1", address: "Thôn 9"))
            .Owners("K-1,Võ Văn Hải,1990,M,046090000001,", "K-2,Đỗ Thị Lan,1991,F,046191000002,")
            .Population("046090000001,Võ Văn Hải,1990-01-01,M,,alive", "046191000002,Đỗ Thị Lan,1991-02-02,F,,alive",
                        "046090000001,Võ Văn Hải Minh,1990-01-01,M,,alive");

        var summary = await Import(files);

        Assert.Contains(summary.Phases, p => p.Name.StartsWith("parcels: first load", StringComparison.Ordinal));
        Assert.Contains(summary.Phases, p => p.Name.StartsWith("population: first load", StringComparison.Ordinal));
        Assert.Equal((3L, 2L, 1L), Counts(summary, InterchangeFiles.Parcels));
        Assert.Equal((3L, 2L, 1L), Counts(summary, InterchangeFiles.Population));
        Assert.Equal("4 parcel_id parcel_id K-1 already appears on line 2; the first occurrence is kept", await db.ScalarTextAsync(
            $"SELECT line || ' ' || column_name || ' ' || reason FROM import_rejects WHERE import_id = {summary.ImportId} AND file_name = 'parcels.csv'"));
        Assert.Equal("4 id_number id_number 046090000001 already appears on line 2; the first occurrence is kept", await db.ScalarTextAsync(
            $"SELECT line || ' ' || column_name || ' ' || reason FROM import_rejects WHERE import_id = {summary.ImportId} AND file_name = 'population.csv'"));
        Assert.Equal("Thôn 1", await db.ScalarTextAsync("SELECT address FROM parcels WHERE parcel_id = 'K-1'"));
        Assert.Equal("Võ Văn Hải", await db.ScalarTextAsync("SELECT full_name FROM population_records WHERE id_number = '046090000001'"));
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM audit_events"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_parcels_commune_code_map_sheet_parcel_no'"));
        Assert.True((await AuditVerifier.VerifyAsync(db.Database.DataSource, new VerifyOptions(), CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task A_first_import_of_parcels_whose_history_outlived_them_continues_their_chains()
    {
        // The parcels table is empty, but H-1's chain is still there (its rows were deleted by hand, say).
        await using (var conn = await db.Database.DataSource.OpenConnectionAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await AuditChain.AppendAsync(conn, tx, "H-1", "reviewer.a", "note", new { note = "before the tables were emptied" }, CancellationToken.None);
            await tx.CommitAsync();
        }
        using var files = new ImportFixtureFiles().Parcels(Parcel("H-1"), Parcel("H-2"));

        var summary = await Import(files);

        Assert.Contains(summary.Phases, p => p.Name == "hash chains: imported entries");
        Assert.Equal(2, await db.ScalarAsync("SELECT max(seq) FROM audit_events WHERE parcel_id = 'H-1' AND kind = 'imported'"));
        Assert.Equal(1, await db.ScalarAsync("SELECT max(seq) FROM audit_events WHERE parcel_id = 'H-2' AND kind = 'imported'"));
        Assert.True((await AuditVerifier.VerifyAsync(db.Database.DataSource, CancellationToken.None)).Intact);
    }

    /// <summary>
    /// The payloads the general path builds (<see cref="ImportChangesSql.Entries"/>) for parcels created from lines 2, 3, …
    /// of parcels.csv, as the database now holds them.
    /// </summary>
    async Task<List<string>> GeneralPayloadsAsync(long importId, string[] parcels)
    {
        await using var conn = await db.Database.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var create = new NpgsqlCommand(ImportChangesSql.Create, conn, tx))
            await create.ExecuteNonQueryAsync();
        await using (var note = new NpgsqlCommand(
            "INSERT INTO import_changes (parcel_id, file, line, created) SELECT p, 'parcels.csv', n + 1, true FROM unnest($1) WITH ORDINALITY AS u(p, n)", conn, tx))
        {
            note.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = parcels });
            await note.ExecuteNonQueryAsync();
        }
        // Entries numbers its parameters as the merge does: $4 is the import, $1 to $3 (the chain's) go unused here.
        await using var read = new NpgsqlCommand($"SELECT payload FROM ({ImportChangesSql.Entries(wholeTable: true)}) e ORDER BY parcel_id", conn, tx);
        for (var unused = 0; unused < 3; unused++)
            read.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 0 });
        read.Parameters.Add(new NpgsqlParameter<long> { TypedValue = importId });
        var payloads = new List<string>();
        await using var r = await read.ExecuteReaderAsync();
        while (await r.ReadAsync())
            payloads.Add(r.GetString(0));
        return payloads;
    }

    static (long Read, long Loaded, long Rejected) Counts(ImportSummary summary, string file)
    {
        var f = summary.Files.Single(f => f.FileName == file);
        return (f.RowsRead, f.RowsLoaded, f.RowsRejected);
    }

    sealed record Entry(string ParcelId, int Seq, DateTimeOffset At, string Actor, string Kind, string Payload, string PrevHash, string Hash);

    static async Task<List<Entry>> EntriesAsync(TestDatabase database)
    {
        var list = new List<Entry>();
        await using var cmd = database.Superuser.CreateCommand(
            "SELECT parcel_id, seq, at, actor, kind, payload, prev_hash, hash FROM audit_events ORDER BY parcel_id, seq");
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            list.Add(new Entry(r.GetString(0), r.GetInt32(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3), r.GetString(4), r.GetString(5),
                r.GetString(6), r.GetString(7)));
        return list;
    }

    static async Task<List<(string, int, string)>> HeadsAsync(TestDatabase database)
    {
        var list = new List<(string, int, string)>();
        await using var cmd = database.Superuser.CreateCommand("SELECT parcel_id, seq, hash FROM audit_heads ORDER BY parcel_id");
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            list.Add((r.GetString(0), r.GetInt32(1), r.GetString(2)));
        return list;
    }
}
