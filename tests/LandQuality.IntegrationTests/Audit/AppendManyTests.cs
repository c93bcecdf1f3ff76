using LandQuality.Audit;
using Npgsql;

namespace LandQuality.IntegrationTests.Audit;

/// <summary>
/// <c>audit_append_many</c>, the append of one entry to each of many chains: it moves the heads that exist, and probes
/// for the parcels without a head only when it moved fewer heads than it was given entries.
/// </summary>
public sealed class AppendManyTests : IAsyncLifetime
{
    readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();

    static async Task<long> AppendManyAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, params string[] parcels)
    {
        await using var cmd = new NpgsqlCommand("SELECT audit_append_many(now(), 'cán bộ xã', 'note', $1, $2)", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = parcels });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = parcels.Select(p => $"{{\"note\":\"ghi chú {p}\"}}").ToArray() });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    async Task<string?> SeqsAsync() =>
        await db.ScalarTextAsync("SELECT string_agg(parcel_id || ':' || seq, ' ' ORDER BY parcel_id) FROM audit_heads");

    [Fact]
    public async Task Parcels_with_and_without_a_chain_in_one_call_each_get_one_entry_that_verifies()
    {
        await using var conn = await db.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(1, await AppendManyAsync(conn, null, "M-1"));

        Assert.Equal(2, await AppendManyAsync(conn, null, "M-1", "M-2")); // one head moved, one chain started
        Assert.Equal(2, await AppendManyAsync(conn, null, "M-2", "M-1")); // both moved: the second probe is skipped
        Assert.Equal(3, await AppendManyAsync(conn, null, "M-3", "M-1", "M-4"));

        Assert.Equal("M-1:4 M-2:2 M-3:1 M-4:1", await SeqsAsync());
        Assert.Equal(8, await db.ScalarAsync("SELECT count(*) FROM audit_events"));
        var result = await AuditVerifier.VerifyAsync(db.Database.DataSource, CancellationToken.None);
        Assert.True(result.Intact, string.Join("; ", result.Breaks));
    }

    [Fact]
    public async Task A_chain_another_transaction_starts_meanwhile_makes_the_call_fail_rather_than_fork()
    {
        await using (var setup = await db.Database.DataSource.OpenConnectionAsync())
            await AppendManyAsync(setup, null, "C-0");
        await using var first = await db.Database.DataSource.OpenConnectionAsync();
        await using var tx = await first.BeginTransactionAsync();
        Assert.Equal(1, await AppendManyAsync(first, tx, "C-1")); // started, not yet committed

        // C-0 is moved, so the call probes for C-1, does not see the uncommitted head, and waits on its key.
        await using var second = await db.Database.DataSource.OpenConnectionAsync();
        var racing = AppendManyAsync(second, null, "C-0", "C-1");
        for (var i = 0; await db.ScalarAsync(
                 "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0; i++)
        {
            Assert.True(i < 600, "The second call never waited for the chain the first transaction started.");
            await Task.Delay(50);
        }
        await tx.CommitAsync();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => racing);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
        Assert.Equal("C-0:1 C-1:1", await SeqsAsync()); // the failed call left nothing, C-0's head included
        Assert.True((await AuditVerifier.VerifyAsync(db.Database.DataSource, CancellationToken.None)).Intact);
    }
}
