using LandQuality.Progress;
using LandQuality.Rules.Runs;
using Npgsql;

namespace LandQuality.IntegrationTests.Rules;

/// <summary>
/// Two writers of one parcel's verdict at once — a run's batch and a decision's re-evaluation — both read the
/// previous verdict before either commits. The one that writes second must count its change from the verdict the
/// first one left, not from the one it read: otherwise the dashboard counts the parcel twice and the history
/// misses the second change.
/// </summary>
public sealed class ConcurrentVerdictTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    [Fact]
    public async Task A_verdict_changed_under_a_writer_is_read_again_and_counted_once()
    {
        var ct = CancellationToken.None;
        var runner = new EvaluationRunner(data.Db.Database);
        await runner.RunAsync(new EvaluationRequest("test"), null, ct);
        await CommuneProgress.RefreshAsync(data.Db.Database, null, ct);
        var parcel = await data.Db.ScalarTextAsync(
            "SELECT parcel_id FROM parcel_status WHERE NOT correct AND sufficient AND clean AND alive ORDER BY parcel_id LIMIT 1");
        Assert.NotNull(parcel);
        var commune = (await data.Db.ScalarTextAsync($"SELECT commune_code::text FROM parcels WHERE parcel_id = '{parcel}'"))!;
        var entriesBefore = await data.Db.ScalarAsync($"SELECT count(*) FROM audit_events WHERE parcel_id = '{parcel}' AND kind = 'evaluated'");

        // The other writer: marks the parcel verified (with its dashboard change, as the verdict writer appends it), and holds the row.
        await using var other = await data.Db.Superuser.OpenConnectionAsync(ct);
        await using var tx = await other.BeginTransactionAsync(ct);
        await ExecAsync(other, tx, $"""
            UPDATE parcel_status SET correct = true, errors = 0, warnings = 0, failing = NULL WHERE parcel_id = '{parcel}';
            INSERT INTO commune_progress_changes (commune_code, parcels, evaluated, verified, failing_correct, failing_sufficient, failing_clean, failing_alive)
            VALUES ('{commune}', 0, 0, 1, -1, 0, 0, 0)
            """);

        // The re-evaluation reads the committed verdict (failing correct), then waits for the row.
        var reevaluation = runner.EvaluateParcelAsync(parcel, new EvaluationRequest("test"), ct);
        await WaitUntilBlockedAsync();
        await tx.CommitAsync(ct);
        var summary = await reevaluation;

        Assert.Equal(0, summary.ParcelsVerified); // its facts did not change: it fails "correct" again
        Assert.Equal(await FiguresAsync(CommuneProgress.CountSql, commune), await FiguresAsync(CommuneProgress.CurrentSql, commune));
        // verified → failing is a change of verdict, with its entry in the history.
        Assert.Equal(entriesBefore + 1,
            await data.Db.ScalarAsync($"SELECT count(*) FROM audit_events WHERE parcel_id = '{parcel}' AND kind = 'evaluated'"));
    }

    async Task WaitUntilBlockedAsync()
    {
        for (var i = 0; i < 600; i++)
        {
            if (await data.Db.ScalarAsync(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0)
                return;
            await Task.Delay(50);
        }
        Assert.Fail("The re-evaluation never waited for the row the other writer holds.");
    }

    static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Evaluated, verified and failing per dimension of one commune, by <paramref name="sql"/> (the plain count, or base plus changes).</summary>
    async Task<string> FiguresAsync(string sql, string commune)
    {
        await using var cmd = data.Db.Superuser.CreateCommand(sql);
        if (sql == CommuneProgress.CountSql)
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = commune });
        else
            cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [commune] });
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        // Both list: commune, [parcels,] evaluated, verified, failing correct, sufficient, clean, alive — the last six compared.
        return string.Join(",", Enumerable.Range(r.FieldCount - 6, 6).Select(i => Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
    }
}
