using System.Diagnostics;

namespace LandQuality.IntegrationTests.Cli;

/// <summary>What one run of <c>lq</c> left: its exit code, standard output and the lines of standard error.</summary>
public sealed record LqResult(int ExitCode, string Output, string Errors)
{
    public IReadOnlyList<string> ErrorLines => Errors.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string Describe(IEnumerable<string> args) => $"lq {string.Join(' ', args)} exited with {ExitCode}\nstdout:\n{Output}\nstderr:\n{Errors}";
}

/// <summary>
/// The <c>lq</c> command built beside the tests, run as a process of its own as a user runs it: its output
/// redirected, on the database a connection string names, with LQ_HOME in a folder of its own.
/// </summary>
public static class Lq
{
    public static string NewHome() => Path.Combine(Path.GetTempPath(), $"lq-cli-test-{Guid.NewGuid():N}");

    public static async Task<LqResult> RunAsync(string connection, string home, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lq.dll"));
        foreach (var a in args)
            start.ArgumentList.Add(a);
        start.Environment[LandQuality.Data.Database.ConnectionVariable] = connection;
        start.Environment["LQ_HOME"] = home;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new LqResult(process.ExitCode, await output, await errors);
    }

    /// <summary>Runs <c>lq</c> and requires it to succeed; its standard output.</summary>
    public static async Task<string> SucceedsAsync(string connection, params string[] args)
    {
        var result = await RunAsync(connection, NewHome(), args);
        Assert.True(result.ExitCode == 0, result.Describe(args));
        return result.Output;
    }
}
