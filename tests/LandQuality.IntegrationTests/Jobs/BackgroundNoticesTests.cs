using System.Text.Json;
using LandQuality.IntegrationTests.Cli;
using LandQuality.IntegrationTests.Review;

namespace LandQuality.IntegrationTests.Jobs;

/// <summary><c>lq notices CODE --out DIR --background</c>: the batch is a job of the queue, written by whichever worker takes it, the same files as the command writes.</summary>
public sealed class BackgroundNoticesTests : IAsyncLifetime
{
    readonly TestDatabase _db = new();
    readonly string _queued = Path.Combine(Path.GetTempPath(), $"lq-notices-queued-{Guid.NewGuid():N}");
    readonly string _direct = Path.Combine(Path.GetTempPath(), $"lq-notices-direct-{Guid.NewGuid():N}");

    public Task InitializeAsync() => _db.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        foreach (var folder in new[] { _queued, _direct })
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_queued_batch_is_written_by_a_worker_as_the_command_writes_it()
    {
        var scenario = new ReviewScenario(_db);
        await scenario.AddParcelAsync("NOTICE-BG-1", 921, "name_differs_from_registry");
        await scenario.AddParcelAsync("NOTICE-BG-2", 922, "missing_certificate_serial");
        await scenario.OpenCasesAsync();

        var queued = JsonDocument.Parse(await Lq.SucceedsAsync(_db.ConnectionString, "notices", ReviewScenario.Commune, "--out", _queued, "--background")).RootElement;
        var jobId = queued.GetProperty("job_id").GetString();
        Assert.False(string.IsNullOrEmpty(jobId));
        Assert.False(Directory.Exists(_queued)); // queued, not written: no worker runs yet

        using (var worker = WorkerProcess.Start(_db.ConnectionString, new Dictionary<string, string> { ["LQ_JOBS_POLL_MS"] = "200" }))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (await _db.ScalarAsync($"SELECT count(*) FROM hangfire.job WHERE id = {long.Parse(jobId!, System.Globalization.CultureInfo.InvariantCulture)} AND statename = 'Succeeded'") == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "The queued notices were not written.\n" + worker.Output);
                await Task.Delay(250);
            }
        }
        await Lq.SucceedsAsync(_db.ConnectionString, "notices", ReviewScenario.Commune, "--out", _direct);

        foreach (var name in new[] { "vi.html", "en.html", "csv" })
        {
            var file = $"notices-{ReviewScenario.Commune}.{name}";
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(_direct, file)), await File.ReadAllTextAsync(Path.Combine(_queued, file)));
        }
        var register = await File.ReadAllLinesAsync(Path.Combine(_queued, $"notices-{ReviewScenario.Commune}.csv"));
        Assert.Equal(3, register.Length); // the header and one notice per parcel
        Assert.Contains(register, l => l.Contains("\"NOTICE-BG-1\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_commune_is_refused_before_anything_is_queued()
    {
        var refused = await Lq.RunAsync(_db.ConnectionString, Lq.NewHome(), "notices", "99999", "--out", _queued, "--background");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("\"99999\" không phải mã xã/phường", refused.Errors, StringComparison.Ordinal);
        // The queue's tables are made when the queue is first used: nothing queued means none, or none in them.
        if (await _db.ScalarAsync("SELECT count(*) FROM pg_tables WHERE schemaname = 'hangfire' AND tablename = 'job'") == 1)
            Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM hangfire.job"));
    }
}
