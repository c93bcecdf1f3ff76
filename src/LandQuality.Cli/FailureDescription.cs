using System.Net.Sockets;
using System.Reflection;
using LandQuality.Data;
using LandQuality.Interchange;
using LandQuality.Review.Cases;
using LandQuality.Review.Queue;
using LandQuality.Rules.Validation;
using LandQuality.Rules.Versions;
using Npgsql;

namespace LandQuality.Cli;

/// <summary>
/// What a failure means to the person who ran the command, in Vietnamese and in English: a refusal whose message
/// was written for people, the database out of reach, the database refusing a statement, a file that could not be
/// read, a stop asked for, or an error nobody expected. <see cref="NamesLog"/> when the details that matter are in
/// the log file rather than in the line.
/// </summary>
sealed record FailureDescription(string Vietnamese, string English, int ExitCode, bool NamesLog, IReadOnlyList<string> DetailLines)
{
    /// <summary>Our own assemblies: an invalid operation or argument refused there is worded for people; one from a library is a bug.</summary>
    static readonly Assembly[] Ours = [typeof(Database).Assembly, typeof(FailureDescription).Assembly];

    /// <summary>A command stopped by Ctrl+C or SIGTERM.</summary>
    public static readonly FailureDescription Stop = new("Đã dừng theo yêu cầu", "Stopped on request.", CliFailure.Stopped, false, []);

    public static FailureDescription Of(Exception thrown)
    {
        var e = Unwrap(thrown);
        if (e is OperationCanceledException)
            return new("Đã dừng theo yêu cầu" + ResumeVi(e), "Stopped on request" + ResumeEn(e) + ".", CliFailure.Stopped, false, []);
        if (DatabaseOutOfReach(e) is { } why)
            return new("Không kết nối được cơ sở dữ liệu; hãy kiểm tra `./lq db status` và biến LQ_CONNECTION" + ResumeVi(e),
                $"Could not reach the database ({why}); check `./lq db status` and LQ_CONNECTION{ResumeEn(e)}.", CliFailure.Failed, true, []);
        if (Find<PostgresException>(e) is { } pg)
            return new("Cơ sở dữ liệu từ chối lệnh", CliFailure.Invariant($"The database refused the statement: {CliFailure.OneLine(pg.MessageText)} (SQLSTATE {pg.SqlState})."),
                CliFailure.Failed, true, []);
        if (e is RuleSetRejectedException rules)
            return Rejected(e, rules.Problems.Where(p => p.Level == ProblemLevel.Error).Select(p => p.ToString()));
        if (e is RuleSetPublishRefusedException refused)
            return new(CliFailure.Invariant($"Không công bố: quy tắc lỗi trên hơn {RuleErrorCounts.PublishLimitPercent} % số thửa mẫu (ở trên); hãy sửa quy tắc, hoặc công bố kèm lý do: --force --reason \"…\""),
                "Refused: " + CliFailure.OneLine(e.Message), CliFailure.Failed, false, refused.Sample.AboveLimit.Select(refused.Sample.Line).ToList());
        if (e is WorkflowRejectedException workflow)
            return Rejected(e, workflow.Problems.Select(p => p.ToString()));
        if (IsRefusal(e))
            return new(e is InterchangeFormatException ? "Không nhập được tệp" : "Yêu cầu bị từ chối", "Refused: " + CliFailure.OneLine(e.Message),
                CliFailure.Failed, false, []);
        if (e is IOException or UnauthorizedAccessException)
            return new("Không đọc hoặc ghi được tệp", $"Could not read or write a file: {CliFailure.OneLine(e.Message)}", CliFailure.Failed, false, []);
        return new("Lỗi ngoài dự kiến; hãy gửi tệp nhật ký cho nhóm phát triển",
            $"Unexpected error ({e.GetType().Name}: {CliFailure.OneLine(e.Message)}); please send the log file to the developers.", CliFailure.Failed, true, []);
    }

    /// <summary>
    /// A file refused with its problems: each problem first (one under another, an expression's caret kept under its
    /// position), so the summary is the last line.
    /// </summary>
    static FailureDescription Rejected(Exception e, IEnumerable<string> problems) =>
        new("Tệp không được chấp nhận, không có gì được lưu (lỗi ở trên)",
            $"Refused: {e.Message.Split('\n')[0].TrimEnd(':')}; nothing was stored (problems above).", CliFailure.Failed, false,
            problems.SelectMany(p => p.ReplaceLineEndings("\n").Split('\n')).ToList());

    static Exception Unwrap(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: 1 } a => Unwrap(a.InnerExceptions[0]),
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        _ => e,
    };

    /// <summary>
    /// Exceptions whose message was written for the person who ran the command: the domain's refusals, and an invalid
    /// operation or argument our own code rejected (the same types thrown inside a library mean a bug).
    /// </summary>
    static bool IsRefusal(Exception e) => e is ReviewException or InterchangeFormatException or Web.Accounts.AccountException or Exports.ExportRefusedException
        || (e is InvalidOperationException or ArgumentException && e.TargetSite?.DeclaringType?.Assembly is { } thrownIn && Ours.Contains(thrownIn));

    /// <summary>
    /// Why the database cannot be reached, or went away mid-command: no connection could be opened (refused, no such
    /// socket, timed out, host unknown), it broke, the server shut down, or it refused the login or the database name.
    /// Null for anything else.
    /// </summary>
    static string? DatabaseOutOfReach(Exception e)
    {
        if (Find<PostgresException>(e) is { } pg)
            return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P0", StringComparison.Ordinal)
                || pg.SqlState.StartsWith("28", StringComparison.Ordinal) || pg.SqlState == PostgresErrorCodes.InvalidCatalogName
                || (pg.SqlState == PostgresErrorCodes.ObjectNotInPrerequisiteState && pg.MessageText.Contains("accepting connections", StringComparison.Ordinal))
                ? CliFailure.Invariant($"{CliFailure.OneLine(pg.MessageText)}, SQLSTATE {pg.SqlState}")
                : null;
        if (Find<NpgsqlException>(e) is not { } npgsql)
            return null;
        var root = Chain(npgsql).Last();
        return root is SocketException or IOException or TimeoutException
            ? $"{CliFailure.OneLine(npgsql.Message)}: {CliFailure.OneLine(root.Message)}"
            : null;
    }

    /// <summary>For an evaluation run that stopped: how to continue it.</summary>
    static string ResumeVi(Exception e) => RunOf(e) is { } run
        ? CliFailure.Invariant($"; lần đánh giá #{run} giữ các lô đã lưu, chạy tiếp bằng `./lq evaluate --resume {run}`")
        : "";

    static string ResumeEn(Exception e) => RunOf(e) is { } run
        ? CliFailure.Invariant($"; run {run} keeps the batches it stored: continue it with `./lq evaluate --resume {run}`")
        : "";

    static long? RunOf(Exception e) => Chain(e).Select(x => x.Data[JobFailure.EvaluationRunKey]).OfType<long>().Cast<long?>().FirstOrDefault();

    static T? Find<T>(Exception e) where T : Exception => Chain(e).OfType<T>().FirstOrDefault();

    static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            yield return x;
    }
}
