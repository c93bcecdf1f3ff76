using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using LandQuality.Data;
using Npgsql;

namespace LandQuality.IntegrationTests.Data;

/// <summary>
/// The private cluster trusted TCP connections on 127.0.0.1 for a superuser: any account of the machine
/// could connect (issue "Hardening"). It now listens on a Unix socket in a directory only its owner may enter.
/// </summary>
public sealed class LocalClusterSecurityTests : IAsyncLifetime
{
    readonly string _root = Path.Combine(Path.GetTempPath(), $"lq-sec-{Guid.NewGuid():N}"[..20]);
    LocalPostgres? _cluster;

    LocalPostgres Cluster => _cluster!;

    public async Task InitializeAsync() =>
        _cluster = await LocalPostgres.StartAsync(_root, forTests: true, keepRunning: false, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task The_owner_connects_through_the_socket()
    {
        await using var conn = new NpgsqlConnection(Cluster.ConnectionString());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT setting FROM pg_settings WHERE name = 'listen_addresses'", conn);
        Assert.Equal("", await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Nothing_listens_on_tcp()
    {
        using var tcp = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(() => tcp.ConnectAsync("127.0.0.1", Cluster.Port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public void Only_the_servers_owner_may_enter_the_socket_directory()
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Cluster.SocketDirectory));
    }

    [Fact]
    public async Task Another_local_account_is_refused()
    {
        // Our machines run as root, the server as postgres; a third account (nobody) is the local attacker.
        // Elsewhere the server runs as the current user and no second account can be switched to.
        if (Environment.UserName != "root")
            return;
        var psql = Path.Combine(Cluster.BinDirectory, "psql");
        var (code, output) = await RunAsync("runuser", ["-u", "nobody", "--", psql, "-h", Cluster.SocketDirectory,
            "-p", Cluster.Port.ToString(CultureInfo.InvariantCulture), "-U", "lq", "-d", "postgres", "-c", "SELECT 1"]);
        Assert.NotEqual(0, code);
        Assert.Contains("Permission denied", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_product_works_as_lq_app_which_is_no_superuser_and_migrates_as_lq_owner()
    {
        // What every lq command does without LQ_CONNECTION: attach to the cluster, set up the roles, open the database.
        var configured = Environment.GetEnvironmentVariable(Database.ConnectionVariable);
        Environment.SetEnvironmentVariable(Database.ConnectionVariable, null);
        try
        {
            await using var database = await Database.OpenAsync(null, _root, keepLocalRunning: true, CancellationToken.None);
            await using var cmd = database.DataSource.CreateCommand("""
                SELECT current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
                       (SELECT pg_get_userbyid(relowner)::text FROM pg_class WHERE relname = 'audit_events'),
                       has_table_privilege('audit_events', 'DELETE') OR has_table_privilege('audit_events', 'TRUNCATE')
                """);
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            Assert.Equal(("lq_app", false, "lq_owner", false), (r.GetString(0), r.GetBoolean(1), r.GetString(2), r.GetBoolean(3)));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Database.ConnectionVariable, configured);
        }
    }

    static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
