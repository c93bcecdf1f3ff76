using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LandQuality.Rules.Runs;

namespace LandQuality.IntegrationTests.Cli;

/// <summary>
/// A failed command printed a raw exception, or a trace thrown while handling it (issue "Hardening"). Now every
/// failure ends with one line on stderr saying what failed and what to do, Vietnamese then English, and a
/// non-zero exit code; the stack trace is in the log file the line names.
/// </summary>
public sealed class FailureMessageTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task An_unreachable_database_is_one_line_naming_it_and_the_log_file_which_holds_the_trace()
    {
        var home = Lq.NewHome();
        var unreachable = $"Host=127.0.0.1;Port={ClosedPort()};Database=landquality;Username=lq;Timeout=5";

        var result = await Lq.RunAsync(unreachable, home, "evaluate");

        Assert.True(result.ExitCode == 1, result.Describe(["evaluate"]));
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("lq evaluate: Không kết nối được cơ sở dữ liệu", line, StringComparison.Ordinal);
        Assert.Contains("Could not reach the database", line, StringComparison.Ordinal);
        Assert.Contains("Connection refused", line, StringComparison.Ordinal);
        const string named = "Nhật ký / log: ";
        var log = line[(line.IndexOf(named, StringComparison.Ordinal) + named.Length)..];
        Assert.Equal(Path.Combine(home, "logs"), Path.GetDirectoryName(log));
        var logged = await File.ReadAllTextAsync(log);
        Assert.Contains("lq evaluate", logged, StringComparison.Ordinal);
        Assert.Contains("System.Net.Sockets.SocketException", logged, StringComparison.Ordinal);
        Assert.Contains("   at LandQuality.", logged, StringComparison.Ordinal);
        Directory.Delete(home, recursive: true);
    }

    [Fact]
    public async Task Resuming_a_whole_province_run_for_one_commune_is_refused_and_the_run_is_not_completed()
    {
        var (run, _, _, lease) = await RunLog.StartOrResumeAsync(db.Database, new EvaluationRequest("test"), CancellationToken.None);
        await lease.DisposeAsync(); // its process died

        string[] args = ["evaluate", "--resume", run.Id.ToString(CultureInfo.InvariantCulture), "--commune", "19753"];
        var result = await Lq.RunAsync(db.ConnectionString, Lq.NewHome(), args);

        Assert.True(result.ExitCode == 1, result.Describe(args));
        var line = Assert.Single(result.ErrorLines);
        Assert.Equal($"lq evaluate: Yêu cầu bị từ chối / Refused: Run {run.Id} covers every commune; a resumed run keeps its scope (leave out --commune/--parcel).",
            line);
        Assert.Equal("Abandoned", await db.ScalarTextAsync($"SELECT status FROM evaluation_runs WHERE id = {run.Id}"));
        Assert.Equal(0, await db.ScalarAsync($"SELECT count(*) FROM evaluation_run_batches WHERE run_id = {run.Id}"));
    }

    [Theory]
    [InlineData("audit", "lq audit")]
    [InlineData("cases", "lq cases show")]
    public async Task An_unknown_parcel_is_one_clear_line(string command, string prefix)
    {
        string[] args = [command, "show", "NO-SUCH-PARCEL"];
        var result = await Lq.RunAsync(db.ConnectionString, Lq.NewHome(), args);

        Assert.True(result.ExitCode == 1, result.Describe(args));
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"{prefix}: ", line, StringComparison.Ordinal);
        Assert.EndsWith("There is no parcel NO-SUCH-PARCEL.", line, StringComparison.Ordinal);
    }

    /// <summary>A TCP port on this machine that nothing listens on: one the system just gave out and took back.</summary>
    static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
