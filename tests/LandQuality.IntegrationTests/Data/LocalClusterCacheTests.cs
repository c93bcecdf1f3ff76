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

    /// <summary>
    /// What the product computes, checked against the machine: a quarter of its memory, exactly when no container limit
    /// or bound (128 MB to 16 GB) intervenes, at the most otherwise.
    /// </summary>
    static long ExpectedMegabytes()
    {
        var expected = LocalPostgres.SharedBuffersMegabytes(forTests: false);
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var quarter = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 4;
        if (!File.Exists("/sys/fs/cgroup/memory.max") && quarter is >= 128 and <= 16 * 1024)
            Assert.Equal(quarter, expected);
        else
            Assert.InRange(expected, 128, Math.Max(128, quarter));
        return expected;
    }
}
