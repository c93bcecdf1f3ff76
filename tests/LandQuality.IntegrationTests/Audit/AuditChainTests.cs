using LandQuality.Audit;
using Npgsql;

namespace LandQuality.IntegrationTests.Audit;

public sealed class AuditChainTests : IAsyncLifetime
{
    readonly TestDatabase db = new();

    // A database of its own per test: the tampering tests break the chain on purpose.
    public Task InitializeAsync() => db.InitializeAsync();
    public Task DisposeAsync() => db.DisposeAsync();

    async Task AppendAsync(string parcel, params string[] kinds)
    {
        await using var conn = await db.Database.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        foreach (var kind in kinds)
            await AuditChain.AppendAsync(conn, tx, parcel, "reviewer.a", kind, new { note = $"{kind} of {parcel}", before = "x", after = "y" }, CancellationToken.None);
        await tx.CommitAsync();
    }

    /// <summary>The attacker holds the owner's keys: only the owner may switch the append-only trigger off.</summary>
    async Task TamperAsync(string sql)
    {
        await using var cmd = db.Database.Owner.CreateCommand(
            $"ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only; {sql}; ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;");
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task An_untouched_history_verifies_and_links_each_entry_to_the_previous_one()
    {
        await AppendAsync("P-1", "case_opened", "task_claimed", "decision");
        await AppendAsync("P-2", "case_opened");
        await AppendAsync("P-1", "reevaluated");

        var result = await AuditVerifier.VerifyAsync(db.Database.DataSource, CancellationToken.None);

        Assert.True(result.Intact, string.Join("; ", result.Breaks));
        Assert.Equal((2L, 5L), (result.Parcels, result.Events));
        Assert.Equal(4, await db.ScalarAsync("SELECT max(seq) FROM audit_events WHERE parcel_id = 'P-1'"));
    }

    [Fact]
    public async Task Entries_hashed_in_sql_match_the_csharp_hash_also_for_multibyte_text()
    {
        // Multi-byte text: the length prefixes count UTF-8 bytes on both sides.
        await AppendAsync("P-Huế", "case_opened", "correction_proposed");
        await using (var cmd = db.Database.DataSource.CreateCommand(
            "SELECT audit_append('P-Huế', 'cán bộ xã', 'decision', '{\"note\":\"Phường Phú Xuân\"}')"))
            Assert.Equal(3, await cmd.ExecuteScalarAsync());

        await using var read = db.Database.DataSource.CreateCommand(
            "SELECT parcel_id, seq, at, actor, kind, payload, prev_hash, hash FROM audit_events WHERE parcel_id = 'P-Huế' ORDER BY seq");
        await using var r = await read.ExecuteReaderAsync();
        var prev = AuditChain.Genesis;
        while (await r.ReadAsync())
        {
            Assert.Equal(prev, r.GetString(6));
            Assert.Equal(AuditChain.HashOf(r.GetString(0), r.GetInt32(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3), r.GetString(4),
                r.GetString(5), r.GetString(6)), r.GetString(7));
            prev = r.GetString(7);
        }
        Assert.True((await AuditVerifier.VerifyAsync(db.Database.DataSource, CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task Even_the_owner_cannot_update_or_delete_history_while_the_trigger_is_on()
    {
        await AppendAsync("P-1", "case_opened");
        await using var update = db.Database.Owner.CreateCommand("UPDATE audit_events SET actor = 'someone'");
        await using var delete = db.Database.Owner.CreateCommand("DELETE FROM audit_events");

        Assert.Contains("append-only", (await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync())).MessageText, StringComparison.Ordinal);
        Assert.Contains("append-only", (await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync())).MessageText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE audit_events SET payload = replace(payload, '\"y\"', '\"z\"') WHERE parcel_id = 'P-1' AND seq = 2", 2, "altered")]
    [InlineData("DELETE FROM audit_events WHERE parcel_id = 'P-1' AND seq = 2", 3, "missing")]
    [InlineData("DELETE FROM audit_events WHERE parcel_id = 'P-1' AND seq = 3", 3, "removed")]
    [InlineData("UPDATE audit_events SET at = at + interval '1 day' WHERE parcel_id = 'P-1' AND seq = 1", 1, "altered")]
    public async Task Altering_or_removing_any_entry_is_detected(string tampering, int seq, string problem)
    {
        await AppendAsync("P-1", "case_opened", "decision", "case_closed");
        await AppendAsync("P-2", "case_opened");

        await TamperAsync(tampering);
        var result = await AuditVerifier.VerifyAsync(db.Database.DataSource, CancellationToken.None);

        Assert.False(result.Intact);
        Assert.All(result.Breaks, b => Assert.Equal("P-1", b.ParcelId));
        Assert.Contains(result.Breaks, b => b.Seq == seq && b.Problem.Contains(problem, StringComparison.Ordinal));
    }
}
