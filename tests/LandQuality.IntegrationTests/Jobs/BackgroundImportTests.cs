using System.Text.Json;
using LandQuality.Generation;
using LandQuality.IntegrationTests.Cli;

namespace LandQuality.IntegrationTests.Jobs;

/// <summary><c>lq import DIR --background</c>: the import is a job of the queue, done by whichever worker takes it, with its reject report beside the files, then what it changed evaluated.</summary>
public sealed class BackgroundImportTests : IAsyncLifetime
{
    readonly TestDatabase _db = new();
    readonly string _dir = Path.Combine(Path.GetTempPath(), $"lq-gen-{Guid.NewGuid():N}");

    public Task InitializeAsync() => _db.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_queued_import_is_done_by_a_worker_and_its_refused_rows_reported_beside_the_files()
    {
        SyntheticDataGenerator.Generate(new GeneratorOptions { Parcels = 500, Seed = 9, MalformedRows = 6 }, _dir);

        var queued = JsonDocument.Parse(await Lq.SucceedsAsync(_db.ConnectionString, "import", _dir, "--background")).RootElement;
        Assert.False(string.IsNullOrEmpty(queued.GetProperty("job_id").GetString()));
        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM parcels"));

        using var worker = WorkerProcess.Start(_db.ConnectionString, new Dictionary<string, string> { ["LQ_JOBS_POLL_MS"] = "200" });
        var deadline = DateTime.UtcNow.AddMinutes(2);
        // The job writes the reject report after the import has committed, then evaluates what it changed: wait for all three.
        while (await _db.ScalarAsync("SELECT count(*) FROM imports WHERE status = 'Completed'") == 0
               || Directory.GetFiles(_dir, "import-*-rejects.csv").Length == 0
               || await _db.ScalarAsync("SELECT count(*) FROM evaluation_runs WHERE status = 'Completed'") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The queued import was not done.\n" + worker.Output);
            await Task.Delay(250);
        }

        Assert.Equal(500, await _db.ScalarAsync("SELECT count(*) FROM parcels"));
        Assert.Equal(500, await _db.ScalarAsync("SELECT count(*) FROM parcel_status"));
        var report = Assert.Single(Directory.GetFiles(_dir, "import-*-rejects.csv"));
        Assert.True(File.ReadLines(report).Count() > 1);
    }
}
