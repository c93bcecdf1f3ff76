using LandQuality.Audit;
using LandQuality.IntegrationTests.Review;
using LandQuality.Review.Cases;
using Npgsql;

namespace LandQuality.IntegrationTests.Audit;

/// <summary>
/// Issue "Hardening", a history that can be rewritten: each way the issue rewrote the history while
/// <c>lq audit verify</c> still said "intact", done here by whoever holds the keys it needs (the schema's
/// owner, or the application's own role), and caught. The history is one the product wrote: two parcels
/// imported and evaluated with cases open; T-1 corrected through review and verified.
/// </summary>
public sealed class AuditTamperingTests : IAsyncLifetime
{
    readonly TestDatabase db = new();
    ReviewScenario scenario = null!;

    // A database of its own per test: each one breaks the history on purpose.
    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        scenario = new ReviewScenario(db);
        await scenario.AddParcelAsync("T-1", 9101, "missing_certificate_serial");
        await scenario.AddParcelAsync("T-2", 9102, "missing_certificate_serial");
        await scenario.SeedReviewersAsync();
        await scenario.OpenCasesAsync();
        await scenario.ActAsync("xa.19753.1", "T-1", "submit_corrections", null, new FieldChange("certificate_serial", "CS 910001"));
        await scenario.ActAsync("so.1", "T-1", "approve");
    }

    public Task DisposeAsync() => db.DisposeAsync();

    Task<VerificationResult> VerifyAsync(VerifyOptions? options = null) =>
        AuditVerifier.VerifyAsync(db.Database.DataSource, options ?? new VerifyOptions(), CancellationToken.None);

    async Task<AuditCheckpoint> CheckpointAsync()
    {
        var (checkpoint, result) = await AuditCheckpoint.TakeAsync(db.Database.DataSource, CancellationToken.None);
        Assert.True(result.Intact, string.Join("; ", result.Breaks));
        return checkpoint!;
    }

    /// <summary>As the schema's owner, with the append-only trigger off: the attacker holds the server's keys.</summary>
    async Task AsOwnerAsync(string sql)
    {
        await using var cmd = db.Database.Owner.CreateCommand(
            $"ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only; {sql}; ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;");
        await cmd.ExecuteNonQueryAsync();
    }

    async Task AsApplicationAsync(string sql)
    {
        await using var cmd = db.Database.DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    static void AssertFound(VerificationResult result, AuditCheck check, string parcel, string problem)
    {
        Assert.False(result.Intact);
        Assert.True(result.Breaks.Any(b => b.Check == check && b.ParcelId == parcel && b.Problem.Contains(problem, StringComparison.Ordinal)),
            $"expected a {check} problem of {parcel} saying '{problem}'; found: {string.Join("; ", result.Breaks)}");
    }

    const string RemoveLastEntry = """
        DELETE FROM audit_events WHERE parcel_id = '{0}' AND seq = (SELECT seq FROM audit_heads WHERE parcel_id = '{0}');
        UPDATE audit_heads h SET seq = e.seq, hash = e.hash FROM audit_events e WHERE h.parcel_id = '{0}' AND e.parcel_id = '{0}' AND e.seq = h.seq - 1
        """;

    [Fact]
    public async Task A_history_the_product_wrote_verifies_with_every_check()
    {
        var result = await VerifyAsync();

        Assert.True(result.Intact, string.Join("; ", result.Breaks));
        Assert.Equal((2L, 0L), (result.FieldsCompared, result.FieldsNotRecorded));
        Assert.True(result.RowsCrossChecked >= 5); // two cases, their tasks, one correction
        Assert.Equal(1, await db.ScalarAsync("""SELECT count(*) FROM audit_events WHERE parcel_id = 'T-1' AND kind = 'correction_applied' AND payload LIKE '%"state":"%'"""));
        // The whole-table shape and the one-parcel shape compute the same state.
        Assert.Equal(0, await db.ScalarAsync($"SELECT count(*) FROM ({ParcelState.AllSql}) st WHERE st.state IS DISTINCT FROM {ParcelState.Of("st.parcel_id")}"));
    }

    [Fact]
    public async Task Deleting_the_last_entry_and_rewinding_the_head_is_caught_by_what_the_entry_recorded()
    {
        // T-1's last entry closed its case; T-2's opened one.
        await AsOwnerAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, RemoveLastEntry, "T-1"));
        await AsOwnerAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, RemoveLastEntry, "T-2"));

        var result = await VerifyAsync();

        Assert.DoesNotContain(result.Breaks, b => b.Check == AuditCheck.Chain);
        AssertFound(result, AuditCheck.CrossCheck, "T-1", "is verified but has no case_closed entry");
        AssertFound(result, AuditCheck.CrossCheck, "T-2", "has no case_opened entry");
    }

    [Fact]
    public async Task Deleting_the_last_entry_and_rewinding_the_head_is_caught_by_the_checkpoint()
    {
        // A claim leaves no row that needs its entry: only the checkpoint taken after it knows the entry was there.
        var task = await scenario.OpenTaskAsync("T-2");
        await new LandQuality.Review.Queue.ReviewQueue(db.Database).ClaimAsync("xa.19753.1", task.Id, CancellationToken.None);
        var checkpoint = await CheckpointAsync();
        await AsOwnerAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, RemoveLastEntry, "T-2"));

        Assert.True((await VerifyAsync()).Intact);
        AssertFound(await VerifyAsync(new VerifyOptions { Against = checkpoint }), AuditCheck.Checkpoint, "", "were rewritten, removed or added");
    }

    [Fact]
    public async Task Deleting_a_parcels_whole_chain_with_its_head_is_detected()
    {
        var checkpoint = await CheckpointAsync();
        await AsOwnerAsync("DELETE FROM audit_events WHERE parcel_id = 'T-1'; DELETE FROM audit_heads WHERE parcel_id = 'T-1'");

        var result = await VerifyAsync();
        AssertFound(result, AuditCheck.CrossCheck, "T-1", "no imported entry records the parcel's creation");
        AssertFound(result, AuditCheck.CrossCheck, "T-1", "has no case_opened entry");
        AssertFound(result, AuditCheck.CrossCheck, "T-1", "is applied but has no correction_applied entry");
        AssertFound(await VerifyAsync(new VerifyOptions { Against = checkpoint }), AuditCheck.Checkpoint, "", "entries then, 1 and");
    }

    [Fact]
    public async Task Rehashing_a_chain_with_the_trigger_off_is_caught_by_the_checkpoint()
    {
        var checkpoint = await CheckpointAsync();
        // The correction's value is rewritten, and every hash from that entry on recomputed, head included.
        await RewriteChainAsync("T-1", "correction_applied", payload => payload.Replace("CS 910001", "CS 999999", StringComparison.Ordinal));

        Assert.True((await VerifyAsync()).Intact); // consistent on its own: this is what only an anchor kept outside can catch
        AssertFound(await VerifyAsync(new VerifyOptions { Against = checkpoint }), AuditCheck.Checkpoint, "", "with other hashes");
    }

    [Fact]
    public async Task Entries_appended_after_the_checkpoint_leave_it_valid()
    {
        var checkpoint = await CheckpointAsync();
        var task = await scenario.OpenTaskAsync("T-2");
        await new LandQuality.Review.Queue.ReviewQueue(db.Database).ClaimAsync("xa.19753.1", task.Id, CancellationToken.None);

        var result = await VerifyAsync(new VerifyOptions { Against = checkpoint });

        Assert.True(result.Intact, string.Join("; ", result.Breaks));
        var file = Path.Combine(Path.GetTempPath(), $"lq-checkpoint-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(file, checkpoint.ToJson());
            Assert.Equal(checkpoint, AuditCheckpoint.Read(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_forged_append_from_any_other_role_is_refused()
    {
        await using var conn = await db.Superuser.OpenConnectionAsync();
        await using (var role = new NpgsqlCommand(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lq_test_intruder') THEN CREATE ROLE lq_test_intruder; END IF; END $$; " +
            "SET ROLE lq_test_intruder", conn))
            await role.ExecuteNonQueryAsync();

        foreach (var sql in new[]
        {
            "SELECT audit_append('T-2', 'someone', 'correction_applied', '{\"correction_id\": 1}')",
            "SELECT audit_append_many(now(), 'someone', 'imported', ARRAY['T-2'], ARRAY['{}'])",
            "SELECT count(*) FROM audit_events",
        })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteScalarAsync())).SqlState);
        }
    }

    [Fact]
    public async Task A_forged_append_with_the_products_own_account_is_reported_by_the_cross_checks()
    {
        var caseId = await db.ScalarAsync("SELECT id FROM review_cases WHERE parcel_id = 'T-2'");
        await AsApplicationAsync(
            $"SELECT audit_append('T-2', 'xa.19753.1', 'correction_applied', '{{\"case_id\":{caseId},\"correction_id\":99999,\"field\":\"area_m2\"}}'); " +
            "SELECT audit_append('T-2', 'xa.19753.1', 'note', '{\"text\":\"nothing happened\"}')");

        var result = await VerifyAsync();

        AssertFound(result, AuditCheck.CrossCheck, "T-2", "names correction 99999, which is not an applied correction of this parcel");
        AssertFound(result, AuditCheck.CrossCheck, "T-2", "is of kind 'note', which the product never writes");
    }

    [Fact]
    public async Task The_application_cannot_truncate_update_delete_or_insert_history()
    {
        foreach (var sql in new[]
        {
            "TRUNCATE audit_events, audit_heads", "UPDATE audit_heads SET seq = seq - 1", "DELETE FROM audit_events",
            "INSERT INTO audit_heads (parcel_id, seq, hash) VALUES ('X', 1, 'x')", "ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only",
        })
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => AsApplicationAsync(sql))).SqlState);
    }

    [Fact]
    public async Task Truncating_the_history_as_the_owner_is_detected()
    {
        var checkpoint = await CheckpointAsync();
        await AsOwnerAsync("TRUNCATE audit_events, audit_heads");

        var result = await VerifyAsync();

        Assert.Equal((0L, 0L), (result.Events, result.Parcels));
        AssertFound(result, AuditCheck.CrossCheck, "T-2", "has no case_opened entry");
        AssertFound(result, AuditCheck.CrossCheck, "T-2", "the parcel has a verdict but no evaluated entry");
        AssertFound(await VerifyAsync(new VerifyOptions { Against = checkpoint }), AuditCheck.Checkpoint, "", "0 and 0 now");
    }

    [Theory]
    [InlineData("UPDATE parcels SET area_m2 = area_m2 + 1 WHERE parcel_id = '{0}'")]
    [InlineData("UPDATE owners SET id_number = '046080009999' WHERE parcel_id = '{0}'")]
    [InlineData("UPDATE certificates SET serial = 'CS 000000' WHERE parcel_id = '{0}'")]
    [InlineData("DELETE FROM parcel_purposes WHERE parcel_id = '{0}'")]
    public async Task A_field_changed_outside_the_product_is_reported(string change)
    {
        // T-1's state was last recorded by its correction, T-2's by its import.
        foreach (var parcel in new[] { "T-1", "T-2" })
            await AsApplicationAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, change, parcel));

        var result = await VerifyAsync();

        AssertFound(result, AuditCheck.Fields, "T-1", "(correction_applied): changed outside the product");
        AssertFound(result, AuditCheck.Fields, "T-2", "(imported): changed outside the product");
        Assert.Equal(2, result.Breaks.Count);
    }

    [Fact]
    public async Task Verifying_one_parcel_checks_that_parcel_only()
    {
        await AsApplicationAsync("UPDATE parcels SET area_m2 = 1 WHERE parcel_id = 'T-2'");

        var one = await VerifyAsync(new VerifyOptions { Parcel = "T-1" });
        var other = await VerifyAsync(new VerifyOptions { Parcel = "T-2" });

        Assert.True(one.Intact, string.Join("; ", one.Breaks));
        Assert.Equal((1L, 1L), (one.Parcels, one.FieldsCompared));
        AssertFound(other, AuditCheck.Fields, "T-2", "changed outside the product");
    }

    /// <summary>Rewrites the first entry of <paramref name="kind"/> in <paramref name="parcel"/>'s chain and re-hashes it and every later entry, and the head.</summary>
    async Task RewriteChainAsync(string parcel, string kind, Func<string, string> rewrite)
    {
        var entries = new List<(int Seq, DateTimeOffset At, string Actor, string Kind, string Payload)>();
        await using (var read = db.Database.Owner.CreateCommand($"SELECT seq, at, actor, kind, payload FROM audit_events WHERE parcel_id = '{parcel}' ORDER BY seq"))
        await using (var r = await read.ExecuteReaderAsync())
            while (await r.ReadAsync())
                entries.Add((r.GetInt32(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3), r.GetString(4)));
        var (prev, rewritten, sql) = (AuditChain.Genesis, false, new System.Text.StringBuilder());
        foreach (var e in entries)
        {
            var payload = !rewritten && e.Kind == kind ? rewrite(e.Payload) : e.Payload;
            rewritten |= e.Kind == kind;
            var hash = AuditChain.HashOf(parcel, e.Seq, e.At, e.Actor, e.Kind, payload, prev);
            sql.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"UPDATE audit_events SET payload = '{payload.Replace("'", "''", StringComparison.Ordinal)}', prev_hash = '{prev}', hash = '{hash}' WHERE parcel_id = '{parcel}' AND seq = {e.Seq};");
            prev = hash;
        }
        sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"UPDATE audit_heads SET hash = '{prev}' WHERE parcel_id = '{parcel}'");
        Assert.True(rewritten);
        await AsOwnerAsync(sql.ToString());
    }
}
