using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LandQuality.Data;

/// <summary>
/// A private PostgreSQL cluster run from the machine's own binaries (initdb / pg_ctl), so nobody has
/// to set up a database to try the product or run the tests. It listens on 127.0.0.1 only. initdb
/// refuses to run as root, and our dev and CI machines run as root, so there the server runs as the
/// <c>postgres</c> system user and owns its data directory.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    const string SuperUser = "lq";
    readonly string _bin;
    readonly string _dataDir;
    readonly bool _stopOnDispose;

    LocalPostgres(string bin, string dataDir, int port, bool stopOnDispose)
    {
        _bin = bin;
        _dataDir = dataDir;
        Port = port;
        _stopOnDispose = stopOnDispose;
    }

    public int Port { get; }
    public string DataDirectory => _dataDir;

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username={SuperUser};Database={database};Pooling=true;Maximum Pool Size=50;Timeout=30;Command Timeout=0";

    /// <summary>
    /// Starts the cluster under <paramref name="root"/> (creating it on first use) or attaches to it
    /// when it already runs. Only a cluster this call started is stopped on dispose, unless
    /// <paramref name="keepRunning"/> asks to leave it up.
    /// </summary>
    public static async Task<LocalPostgres> StartAsync(string root, bool forTests, bool keepRunning, CancellationToken ct)
    {
        var bin = FindBinaries();
        root = Path.GetFullPath(root);
        var dataDir = Path.Combine(root, "pgdata");
        Directory.CreateDirectory(root);
        // One starter at a time: two commands starting the same cluster at once would race on initdb.
        await using var startLock = await AcquireLockAsync(Path.Combine(root, "start.lock"), ct);

        if (!File.Exists(Path.Combine(dataDir, "PG_VERSION")))
            await InitAsync(bin, root, dataDir, forTests, ct);

        var running = ReadRunningPort(dataDir);
        if (running is { } port && await IsAcceptingAsync(bin, port, ct))
            return new LocalPostgres(bin, dataDir, port, stopOnDispose: false);

        port = FreePort();
        var log = Path.Combine(root, "postgres.log");
        await RunAsync(bin, "pg_ctl", ["start", "-w", "-t", "60", "-D", dataDir, "-l", log, "-o", $"-p {port}"], ct,
            failureHint: $"see {log}");
        return new LocalPostgres(bin, dataDir, port, stopOnDispose: !keepRunning);
    }

    /// <summary>Stops the cluster under <paramref name="root"/> if one runs there; false when none did.</summary>
    public static async Task<bool> StopIfRunningAsync(string root, CancellationToken ct)
    {
        var dataDir = Path.Combine(Path.GetFullPath(root), "pgdata");
        if (ReadRunningPort(dataDir) is null)
            return false;
        await RunAsync(FindBinaries(), "pg_ctl", ["stop", "-w", "-m", "fast", "-D", dataDir], ct);
        return true;
    }

    public async Task StopAsync()
    {
        await RunAsync(_bin, "pg_ctl", ["stop", "-w", "-m", "fast", "-D", _dataDir], CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopOnDispose)
            await StopAsync();
    }

    static async Task InitAsync(string bin, string root, string dataDir, bool forTests, CancellationToken ct)
    {
        Directory.CreateDirectory(dataDir);
        if (RunsAsRoot)
            await ExecAsync("chown", ["-R", "postgres:postgres", root], ct);
        await RunAsync(bin, "initdb", ["-D", dataDir, "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--lc-collate=C"], ct);
        var settings = new List<string>
        {
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''",
            "max_connections = 300",
            "shared_buffers = '1GB'",
            "work_mem = '64MB'",
            "maintenance_work_mem = '512MB'",
            "max_wal_size = '8GB'",
            "checkpoint_timeout = '15min'",
            // fsync and synchronous_commit stay on (the defaults) except for throwaway test clusters:
            // an acknowledged review decision must survive a crash (Database also asks for it per session).
            // Our statements are short lookups or streaming scans; compiling them costs more than it saves.
            "jit = off",
        };
        if (forTests)
            settings.AddRange(["fsync = off", "full_page_writes = off", "shared_buffers = '256MB'"]);
        await File.AppendAllLinesAsync(Path.Combine(dataDir, "postgresql.conf"), settings, ct);
    }

    static int? ReadRunningPort(string dataDir)
    {
        var pidFile = Path.Combine(dataDir, "postmaster.pid");
        if (!File.Exists(pidFile))
            return null;
        try
        {
            var lines = File.ReadAllLines(pidFile);
            return lines.Length > 3 && int.TryParse(lines[3], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    static async Task<bool> IsAcceptingAsync(string bin, int port, CancellationToken ct)
    {
        var (code, _) = await ExecAsync(Path.Combine(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)], ct, throwOnError: false);
        return code == 0;
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static async Task<FileStream> AcquireLockAsync(string path, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    static bool RunsAsRoot => Environment.UserName == "root";

    /// <summary>Finds initdb/pg_ctl: LQ_PG_BIN, then the newest /usr/lib/postgresql/N/bin, then PATH.</summary>
    static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("LQ_PG_BIN") is { Length: > 0 } configured)
            return configured;
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), CultureInfo.InvariantCulture, out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        if (debian is not null)
            return debian;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        return onPath ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them (Debian: apt-get install postgresql) " +
            "or set LQ_CONNECTION to an existing database, or LQ_PG_BIN to the folder holding initdb.");
    }

    static Task RunAsync(string bin, string tool, IReadOnlyList<string> args, CancellationToken ct, string? failureHint = null)
    {
        var exe = Path.Combine(bin, tool);
        return RunsAsRoot
            ? ExecAsync("runuser", ["-u", "postgres", "--", exe, .. args], ct, failureHint: failureHint)
            : ExecAsync(exe, args, ct, failureHint: failureHint);
    }

    static async Task<(int Code, string Output)> ExecAsync(string file, IReadOnlyList<string> args, CancellationToken ct,
        bool throwOnError = true, string? failureHint = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}.");
        // Read both streams concurrently so a chatty child cannot block on a full pipe.
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = (await stdout) + (await stderr);
        if (throwOnError && process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', args)} failed with exit code {process.ExitCode}: {output.Trim()}"
                + (failureHint is null ? "" : $" ({failureHint})"));
        return (process.ExitCode, output);
    }
}
