using System.Diagnostics;
using System.Text;

namespace LandQuality.IntegrationTests.Jobs;

/// <summary>
/// An <c>lq worker</c> started as a process of its own (the CLI built beside the tests), as an operator starts one on
/// another machine: the queue reaches it only through the database. Killed with SIGKILL when the test asks, or at the end.
/// </summary>
sealed class WorkerProcess : IDisposable
{
    readonly Process _process;
    readonly StringBuilder _output = new();

    WorkerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What partitions and the queue record of this worker (<c>machine:process</c>, as <see cref="LandQuality.Jobs.JobQueue.WorkerName"/>).</summary>
    public string Name => $"{Environment.MachineName}:{_process.Id}";

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static WorkerProcess Start(string connection, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lq.dll"));
        start.ArgumentList.Add("worker");
        start.Environment[LandQuality.Data.Database.ConnectionVariable] = connection;
        start.Environment["LQ_HOME"] = Cli.Lq.NewHome();
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return new WorkerProcess(Process.Start(start)!);
    }

    /// <summary>SIGKILL: no chance to roll back, say goodbye or release anything; only PostgreSQL notices the dead sessions.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public bool HasExited => _process.HasExited;

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
    }
}
