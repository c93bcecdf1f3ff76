using System.Collections;
using System.Text;

namespace LandQuality.Cli;

/// <summary>
/// LQ_HOME/logs/lq-YYYYMMDD.log (UTC date): every failed command, appended — when, the command's name (never its
/// arguments, which may be ID numbers or people's names), the line the user saw, and the whole exception with its
/// stack trace, inner exceptions and attached data. It holds no more personal data than the exception's own
/// messages; the folder and files are its owner's alone, as the local cluster's are.
/// </summary>
static class FailureLog
{
    const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Appends the failure; returns the words that end the user's line: where the log is, or why it could not be written.</summary>
    public static string Append(string command, FailureDescription failure, Exception e)
    {
        var now = DateTimeOffset.UtcNow;
        var folder = Path.Combine(CliDatabase.Home, "logs");
        var path = Path.GetFullPath(Path.Combine(folder, CliFailure.Invariant($"lq-{now:yyyyMMdd}.log")));
        try
        {
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(folder);
            else
                Directory.CreateDirectory(folder, OwnerOnlyFolder);
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite | FileShare.Delete };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = OwnerOnlyFile;
            // One write per entry: commands failing at the same moment append whole entries, not interleaved lines.
            using var file = new FileStream(path, options);
            file.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Entry(now, command, failure, e)));
            return $" Nhật ký / log: {path}";
        }
        catch (Exception x) when (x is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return $" (Không ghi được nhật ký / the log could not be written: {CliFailure.OneLine(x.Message)})";
        }
    }

    static string Entry(DateTimeOffset now, string command, FailureDescription failure, Exception e)
    {
        var entry = new StringBuilder();
        entry.AppendLine(CliFailure.Invariant($"==== {now:yyyy-MM-ddTHH:mm:ss.fffZ} {command} (process {Environment.ProcessId}, exit code {failure.ExitCode})"));
        entry.AppendLine(CliFailure.Invariant($"{failure.Vietnamese} / {failure.English}"));
        entry.AppendLine(e.ToString());
        for (Exception? x = e; x is not null; x = x.InnerException)
            foreach (DictionaryEntry item in x.Data)
                entry.AppendLine(CliFailure.Invariant($"data of {x.GetType().Name}: {item.Key} = {item.Value}"));
        entry.AppendLine();
        return entry.ToString();
    }
}
