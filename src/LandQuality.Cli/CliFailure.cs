using System.CommandLine;
using System.Globalization;

namespace LandQuality.Cli;

/// <summary>
/// The one place a command's failure reaches the user. Any exception a command lets escape becomes one line on
/// stderr — <c>lq COMMAND: Vietnamese / English</c>, what failed and what to do — and a non-zero exit code; the
/// exception itself, stack trace included, is appended to the day's log file (<see cref="FailureLog"/>), which
/// the line names when the line alone does not say everything. System.CommandLine's own handler, which printed
/// the whole trace to the console, is off.
/// </summary>
static class CliFailure
{
    public const int Failed = 1;

    /// <summary>What a shell reports for a command stopped by Ctrl+C (SIGINT), and by SIGTERM.</summary>
    public const int Stopped = 130, Terminated = 143;

    /// <summary>
    /// Ctrl+C or SIGTERM cancels the commands' token, and waits this long for the command to end before the process
    /// exits: time for an evaluation run or an import to record that it was stopped, so it can be resumed or run again.
    /// </summary>
    static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    public static async Task<int> InvokeAsync(ParseResult parse)
    {
        try
        {
            var code = await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = StopGrace });
            // The command did not end within the grace: System.CommandLine gives up on it with the signal's exit code.
            if (code is Stopped or Terminated)
                await Console.Error.WriteLineAsync($"{CommandName(parse)}: {FailureDescription.Stop.Vietnamese} / {FailureDescription.Stop.English}");
            return code;
        }
        catch (Exception e)
        {
            return await ReportAsync(CommandName(parse), e);
        }
    }

    /// <summary>Writes the failure's line (after its detail lines, if any) and logs it; returns the exit code.</summary>
    static async Task<int> ReportAsync(string command, Exception e)
    {
        var failure = FailureDescription.Of(e);
        var log = FailureLog.Append(command, failure, e);
        var where = failure.NamesLog ? log : "";
        foreach (var detail in failure.DetailLines)
            await Console.Error.WriteLineAsync($"  {detail}");
        await Console.Error.WriteLineAsync($"{command}: {failure.Vietnamese} / {failure.English}{where}");
        return failure.ExitCode;
    }

    /// <summary>The command's words only (<c>lq rules preview</c>), never its arguments: they may be ID numbers or names.</summary>
    static string CommandName(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
            names.Add(result.Command.Name);
        names.Add("lq");
        names.Reverse();
        return string.Join(' ', names);
    }

    internal static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
