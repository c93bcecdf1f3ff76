using System.Text.Json;
using LandQuality.Generation;
using LandQuality.Imports;
using LandQuality.IntegrationTests.Cli;
using Npgsql;

namespace LandQuality.IntegrationTests.Jobs;

/// <summary>
/// A background run on two <c>lq worker</c> processes, one of them killed with SIGKILL while it holds a partition:
/// the partition is taken again by the other worker, and the run's findings and verdicts are those of a
/// single-process run, row for row.
/// </summary>
public sealed class KilledWorkerTests : IAsyncLifetime
{
    readonly TestDatabase _db = new();
    readonly string _dir = Path.Combine(Path.GetTempPath(), $"lq-gen-{Guid.NewGuid():N}");

    static readonly Dictionary<string, string> Queue = new()
    {
        // A killed worker's job comes back after this long without its heartbeat.
        ["LQ_JOBS_INVISIBILITY_SECONDS"] = "5",
        ["LQ_JOBS_POLL_MS"] = "200",
        // Key ranges of the larger communes, so partitions are many and each takes a moment.
        ["LQ_PARTITION_PARCELS"] = "150",
        ["LQ_WORKER_THREADS"] = "2",
    };

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        SyntheticDataGenerator.Generate(new GeneratorOptions { Parcels = 8000, Seed = 11 }, _dir);
        await new Importer(_db.Database).RunAsync(_dir, "test", null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_worker_killed_mid_partition_leaves_nothing_behind_and_the_run_equals_a_single_process_run()
    {
        var single = RunId(await Lq.SucceedsAsync(_db.ConnectionString, "evaluate", "--json"));
        var singleStatuses = await StatusesAsync();

        var background = RunId(await Lq.SucceedsAsync(_db.ConnectionString, "evaluate", "--background"));
        using var doomed = WorkerProcess.Start(_db.ConnectionString, Queue);
        using var survivor = WorkerProcess.Start(_db.ConnectionString, Queue);

        // Kill a worker while a partition it took is still running, once the other has committed some. A partition is
        // short (tens of milliseconds), so catching one running is left to no chance: once the survivor has committed,
        // a gate holds the table every partition's transaction writes before it commits, so no partition can finish
        // until the doomed worker, holding one, is dead; then the gate opens.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await CountAsync($"worker = '{survivor.Name}' AND status = 'Done'", background) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The surviving worker committed no partition.\n" + survivor.Output);
            await Task.Delay(20);
        }
        await using var gate = await _db.Database.Owner.OpenConnectionAsync();
        await using var closed = await gate.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("LOCK TABLE evaluation_run_batches IN SHARE ROW EXCLUSIVE MODE", gate, closed))
            await hold.ExecuteNonQueryAsync();
        while (await RunningOfAsync(doomed.Name, background) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The doomed worker took no partition.\n" + doomed.Output);
            Assert.False(doomed.HasExited, doomed.Output);
            await Task.Delay(20);
        }
        doomed.Kill();
        // Still Running under the dead worker: it could not commit, the gate was closed.
        if (await RunningOfAsync(doomed.Name, background) is not { } interrupted)
            throw new InvalidOperationException("A partition of the killed worker committed through the closed gate.");
        await closed.RollbackAsync();

        var view = await WaitForCompletionAsync(background, survivor);
        Assert.Equal("completed", view.GetProperty("status").GetString());
        Assert.Equal(view.GetProperty("partitions_total").GetInt32(), view.GetProperty("partitions_done").GetInt32());
        Assert.True(view.GetProperty("partitions_total").GetInt32() > 40, "Large communes are split into key ranges.");

        // The interrupted partition was taken again, by the surviving worker, and committed once.
        var (worker, attempts, status) = await PartitionAsync(background, interrupted.Partition);
        Assert.Equal(("Done", survivor.Name), (status, worker));
        Assert.True(attempts > interrupted.Attempts);

        // Nothing twice, nothing missing: every parcel in exactly one committed batch.
        Assert.Equal(8000L, await ScalarAsync<long>($"SELECT sum(parcels)::bigint FROM evaluation_run_batches WHERE run_id = {background}"));
        Assert.Equal(await FindingsAsync(single), await FindingsAsync(background));
        Assert.Equal(singleStatuses, await StatusesAsync());
        Assert.Equal(
            await ScalarAsync<long>($"SELECT findings_count FROM evaluation_runs WHERE id = {single}"),
            await ScalarAsync<long>($"SELECT findings_count FROM evaluation_runs WHERE id = {background}"));
        // The next lq evaluate --changed continues from the background run, as from a run in one process.
        Assert.Equal(1L, await ScalarAsync<long>($"SELECT count(*) FROM evaluation_run_watermarks WHERE run_id = {background}"));
    }

    static long RunId(string json) => JsonDocument.Parse(json).RootElement.GetProperty("run_id").GetInt64();

    async Task<JsonElement> WaitForCompletionAsync(long run, WorkerProcess worker)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var view = JsonDocument.Parse(await Lq.SucceedsAsync(_db.ConnectionString, "runs", "show", run.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json")).RootElement;
            if (view.GetProperty("status").GetString() is "completed" or "failed")
                return view;
            Assert.True(DateTime.UtcNow < deadline, "The run did not complete.\n" + worker.Output);
            await Task.Delay(500);
        }
    }

    async Task<(int Partition, int Attempts)?> RunningOfAsync(string worker, long run)
    {
        await using var cmd = _db.Superuser.CreateCommand(
            "SELECT partition_no, attempts FROM evaluation_run_partitions WHERE run_id = $1 AND worker = $2 AND status = 'Running' ORDER BY partition_no LIMIT 1");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = run });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = worker });
        await using var r = await cmd.ExecuteReaderAsync();
        return await r.ReadAsync() ? (r.GetInt32(0), r.GetInt32(1)) : null;
    }

    async Task<(string? Worker, int Attempts, string Status)> PartitionAsync(long run, int partition)
    {
        await using var cmd = _db.Superuser.CreateCommand(
            $"SELECT worker, attempts, status FROM evaluation_run_partitions WHERE run_id = {run} AND partition_no = {partition}");
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        return (r.IsDBNull(0) ? null : r.GetString(0), r.GetInt32(1), r.GetString(2));
    }

    Task<long> CountAsync(string where, long run) =>
        ScalarAsync<long>($"SELECT count(*) FROM evaluation_run_partitions WHERE run_id = {run} AND {where}");

    async Task<T> ScalarAsync<T>(string sql)
    {
        await using var cmd = _db.Superuser.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Every finding of the run, all its columns but the run's id, in one order.</summary>
    Task<List<string>> FindingsAsync(long run) => RowsAsync(
        $"SELECT (to_jsonb(f) - 'run_id' - 'id')::text AS row FROM findings f WHERE run_id = {run} ORDER BY 1");

    /// <summary>The parcels' current verdicts, without what names the run that set them.</summary>
    Task<List<string>> StatusesAsync() => RowsAsync(
        "SELECT (to_jsonb(s) - 'run_id' - 'evaluated_at' - 'updated_at' - 'version_id' - 'rule_set_version_id')::text FROM parcel_status s ORDER BY 1");

    async Task<List<string>> RowsAsync(string sql)
    {
        var rows = new List<string>();
        await using var cmd = _db.Superuser.CreateCommand(sql);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            rows.Add(r.GetString(0));
        return rows;
    }
}
