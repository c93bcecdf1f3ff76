using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LandQuality.Data;

/// <summary>
/// A private PostgreSQL cluster run from the machine's own binaries (initdb / pg_ctl), so nobody has
/// to set up a database to try the product or run the tests. It listens on no TCP port at all, only
/// on a Unix socket in a directory that its owner alone may enter (mode 0700): its roles trust local
/// connections, so the directory's permissions are what keeps other accounts of the machine out.
/// The bootstrap superuser only sets up the roles the product works as (<see cref="DatabaseRoles"/>).
/// initdb refuses to run as root, and our dev and CI machines run as root, so there the server runs
/// as the <c>postgres</c> system user and owns its data and socket directories (root, the client,
/// may enter them anyway).
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    const string SuperUser = "lq";
    readonly string _bin;
    readonly string _dataDir;
    readonly bool _stopOnDispose;

    LocalPostgres(string bin, string dataDir, string socketDir, int port, bool stopOnDispose)
    {
        _bin = bin;
        _dataDir = dataDir;
        SocketDirectory = socketDir;
        Port = port;
        _stopOnDispose = stopOnDispose;
    }

    /// <summary>Names the socket file (<c>.s.PGSQL.PORT</c>); no TCP port is open.</summary>
    public int Port { get; }
    public string DataDirectory => _dataDir;
    public string SocketDirectory { get; }
    public string BinDirectory => _bin;

    /// <param name="user">The role to log in as: the bootstrap superuser unless another is named (<see cref="DatabaseRoles"/>).</param>
    public string ConnectionString(string database = "postgres", string user = SuperUser) =>
        $"Host={SocketDirectory};Port={Port};Username={user};Database={database};Pooling=true;Maximum Pool Size=50;Timeout=30;Command Timeout=0";

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
        var socketDir = await PrivateSocketDirectoryAsync(root, ct);

        var running = ReadRunningPort(dataDir);
        if (running is { } port && await IsAcceptingAsync(bin, socketDir, port, ct))
            return new LocalPostgres(bin, dataDir, socketDir, port, stopOnDispose: false);

        port = FreePort();
        var log = Path.Combine(root, "postgres.log");
        // On the command line, so a cluster made by an older version (which listened on 127.0.0.1) is locked down too.
        await RunAsync(bin, "pg_ctl", ["start", "-w", "-t", "60", "-D", dataDir, "-l", log,
            "-o", $"-p {port} -k {socketDir} -c listen_addresses= -c unix_socket_permissions=0700 -c shared_buffers={SharedBuffersMegabytes(forTests)}MB"],
            ct, failureHint: $"see {log}");
        return new LocalPostgres(bin, dataDir, socketDir, port, stopOnDispose: !keepRunning);
    }

    /// <summary>
    /// The socket's directory, created with mode 0700 for the server's user: <c>ROOT/run</c>, or a folder
    /// of its own under /tmp when that path is too long for a socket address (107 bytes on Linux).
    /// </summary>
    static async Task<string> PrivateSocketDirectoryAsync(string root, CancellationToken ct)
    {
        var dir = Path.Combine(root, "run");
        if (dir.Length + "/.s.PGSQL.65535.lock".Length > 100)
            dir = Path.Combine("/tmp", $"lq-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(root)))[..12]}");
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("The local cluster needs Unix sockets; set LQ_CONNECTION on Windows.");
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(dir, ownerOnly);
        File.SetUnixFileMode(dir, ownerOnly); // an existing folder keeps its mode otherwise
        if (RunsAsRoot)
            await ExecAsync("chown", ["postgres:postgres", dir], ct);
        return dir;
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
        // Local (socket) connections are trusted, TCP ones refused even if someone turns TCP on.
        await RunAsync(bin, "initdb", ["-D", dataDir, "-U", SuperUser, "--auth-local=trust", "--auth-host=reject", "-E", "UTF8",
            "--locale=C.UTF-8", "--lc-collate=C"], ct);
        var settings = new List<string>
        {
            "listen_addresses = ''",
            "max_connections = 300",
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
            settings.AddRange(["fsync = off", "full_page_writes = off"]);
        await File.AppendAllLinesAsync(Path.Combine(dataDir, "postgresql.conf"), settings, ct);
    }

    /// <summary>
    /// The server's own cache, set on every start (so a cluster made earlier gets it too): a quarter of the machine's
    /// memory, PostgreSQL's advice for a server of its own. An incremental run reads and writes a few thousand parcels
    /// scattered over every table, and a full run between two of them pushes those pages out of a cache smaller than
    /// the database; read back from the kernel's cache, and written out first when dirty, they cost a statement several
    /// times its own work. At most 16 GB: on a large machine the local cluster shares it with other work. Throwaway
    /// test clusters keep a small cache.
    /// </summary>
    internal static long SharedBuffersMegabytes(bool forTests)
    {
        if (forTests)
            return 256;
        var memTotal = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var bytes = memTotal is null ? 0 : 1024 * long.Parse(memTotal.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        // A container's limit, when it has one, is the machine's memory as far as the server is concerned.
        const string cgroupLimit = "/sys/fs/cgroup/memory.max";
        if (File.Exists(cgroupLimit) && long.TryParse(File.ReadAllText(cgroupLimit).Trim(), CultureInfo.InvariantCulture, out var limit))
            bytes = Math.Min(bytes, limit);
        return Math.Clamp(bytes / (1024 * 1024) / 4, 128, 16 * 1024);
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

    static async Task<bool> IsAcceptingAsync(string bin, string socketDir, int port, CancellationToken ct)
    {
        var (code, _) = await ExecAsync(Path.Combine(bin, "pg_isready"), ["-h", socketDir, "-p", port.ToString(CultureInfo.InvariantCulture)], ct, throwOnError: false);
        return code == 0;
    }

    /// <summary>A number no other server on the machine uses, so two clusters' socket files never clash in /tmp either.</summary>
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
