using System.Globalization;
using LandQuality.Data;
using Npgsql;

namespace LandQuality.IntegrationTests.Data;

/// <summary>
/// The private cluster of <c>lq</c> (not a test's) gives PostgreSQL's cache a quarter of the machine's memory, on every
/// start: a cluster made by an older version, with a smaller cache in its configuration file, gets it too.
/// </summary>
public sealed class LocalClusterCacheTests : IAsyncLifetime
{
    readonly string _root = Path.Combine(Path.GetTempPath(), $"lq-cache-{Guid.NewGuid():N}"[..22]);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_quarter_of_the_memory_even_when_the_configuration_file_says_less()
    {
        await using (var first = await LocalPostgres.StartAsync(_root, forTests: false, keepRunning: false, CancellationToken.None))
            Assert.Equal(ExpectedMegabytes(), await SharedBuffersMegabytesAsync(first));

        // What an older version wrote into the configuration when it made the cluster.
        await File.AppendAllLinesAsync(Path.Combine(_root, "pgdata", "postgresql.conf"), ["shared_buffers = '32MB'"]);
        await using var again = await LocalPostgres.StartAsync(_root, forTests: false, keepRunning: false, CancellationToken.None);
        Assert.Equal(ExpectedMegabytes(), await SharedBuffersMegabytesAsync(again));
    }

    [Fact]
    public async Task A_test_cluster_keeps_a_small_cache()
    {
        await using var cluster = await LocalPostgres.StartAsync(_root, forTests: true, keepRunning: false, CancellationToken.None);
        Assert.Equal(256, await SharedBuffersMegabytesAsync(cluster));
    }

    static async Task<long> SharedBuffersMegabytesAsync(LocalPostgres cluster)
    {
        await using var conn = new NpgsqlConnection(cluster.ConnectionString());
        await conn.OpenAsync();
        // In pages of block_size bytes.
        await using var cmd = new NpgsqlCommand(
            "SELECT setting::bigint * current_setting('block_size')::bigint / (1024 * 1024) FROM pg_settings WHERE name = 'shared_buffers'", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    static long ExpectedMegabytes()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var bytes = 1024 * long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        if (File.Exists("/sys/fs/cgroup/memory.max") && long.TryParse(File.ReadAllText("/sys/fs/cgroup/memory.max").Trim(), out var limit))
            bytes = Math.Min(bytes, limit);
        return Math.Clamp(bytes / (1024 * 1024) / 4, 128, 16 * 1024);
    }
}
