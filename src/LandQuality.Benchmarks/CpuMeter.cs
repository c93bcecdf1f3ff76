using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace LandQuality.Benchmarks;

/// <summary>CPU seconds used so far by this process and by the PostgreSQL server (null when it cannot be read).</summary>
public sealed record CpuSample(double ProcessSeconds, double? ServerSeconds);

/// <summary>
/// CPU time spent on one load: this process (the simulated reviewers, and the web server when it serves them) and the
/// PostgreSQL server. Reviewers, web server and database share the machine's cores, so what a decision costs in CPU
/// says how many decisions per second the machine can reach at most, whatever the latencies. The server's time is read
/// from /proc for the postmaster that serves this connection and its children: only for a server on this machine, on Linux.
/// </summary>
public sealed class CpuMeter
{
    readonly int? postmaster;

    CpuMeter(int? postmaster) => this.postmaster = postmaster;

    public static async Task<CpuMeter> ForAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT pg_backend_pid()");
        var backend = (int)(await cmd.ExecuteScalarAsync(ct))!;
        // The backend's parent is the postmaster only when the server runs on this machine and /proc shows it.
        return new CpuMeter(Stat(backend) is { } stat && int.TryParse(stat[1], CultureInfo.InvariantCulture, out var parent) ? parent : null);
    }

    public CpuSample Take() => new(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, ServerSeconds());

    double? ServerSeconds()
    {
        if (postmaster is not { } pm || Stat(pm) is not { } own)
            return null;
        var ticks = Ticks(own);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat
                && stat[1] == pm.ToString(CultureInfo.InvariantCulture))
                ticks += Ticks(stat);
        return ticks / ClockTicksPerSecond;
    }

    /// <summary>Linux reports process times in clock ticks of USER_HZ, 100 on every mainstream architecture.</summary>
    const double ClockTicksPerSecond = 100;

    static long Ticks(string[] stat) =>
        long.Parse(stat[11], CultureInfo.InvariantCulture) + long.Parse(stat[12], CultureInfo.InvariantCulture);

    /// <summary>The fields of /proc/PID/stat after the command name (state first, then ppid, …, utime at [11], stime at [12]); null when unreadable.</summary>
    static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may hold spaces: fields start after its closing one.
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>CPU per decision over one load, and the most decisions per second the machine's cores allow at that cost.</summary>
public sealed record CpuPerDecision(double ProcessMs, double? ServerMs, int Cores)
{
    public static CpuPerDecision Between(CpuSample before, CpuSample after, long decisions) => new(
        (after.ProcessSeconds - before.ProcessSeconds) * 1000 / Math.Max(1, decisions),
        after.ServerSeconds - before.ServerSeconds is { } server ? server * 1000 / Math.Max(1, decisions) : null,
        Environment.ProcessorCount);

    /// <summary>Decisions per second when every core does nothing else.</summary>
    public double? Ceiling => ServerMs is { } server ? Cores * 1000 / (ProcessMs + server) : null;
}
