namespace LandQuality.Rules.Evaluation;

/// <summary>
/// The messages RulesEngine 6.0.1 gives a rule that could not be evaluated, reproduced word for
/// word so the fast path and <c>ExecuteAllRulesAsync</c> agree, and recognised again when mapping
/// RulesEngine's results (which do not flag exceptions apart from formatted error messages).
/// </summary>
public static class RuleErrors
{
    const string Executing = "Error while executing rule : ";
    const string ScopedParams = "Error while executing scoped params for rule `";
    const string Parsing = "Exception while parsing expression `";
    const string Compiling = "Error while compiling rule `";

    public static string WhileExecuting(string ruleName, Exception ex) => $"{Executing}{ruleName} - {ex.Message}";

    /// <summary>RulesEngine writes the whole exception (with its stack trace) for local params; see <see cref="Normalize"/>.</summary>
    public static string WhileExecutingLocalParams(string ruleName, Exception ex) => Normalize($"{ScopedParams}{ruleName}` - {ex}");

    public static string WhileExecutingGlobalParams(string ruleName, Exception ex) => $"{ScopedParams}{ruleName}` - {ex.Message}";

    public static string WhileParsing(string? expression, Exception ex) => $"{Parsing}{expression}` - {ex.Message}";

    public static string WhileCompiling(string ruleName, string detail) => $"{Compiling}{ruleName}`: {detail}";

    /// <summary>How RulesEngine words a scoped param that does not compile.</summary>
    public static string InScopedParam(Exception ex, string? paramName) => $"{ex.Message}, in ScopedParam: {paramName}";

    /// <summary>Whether a RulesEngine result message reports an exception rather than a formatted ErrorMessage.</summary>
    public static bool IsError(string? message) =>
        message is not null
        && (message.StartsWith(Executing, StringComparison.Ordinal)
            || message.StartsWith(ScopedParams, StringComparison.Ordinal)
            || message.StartsWith(Parsing, StringComparison.Ordinal)
            || message.StartsWith(Compiling, StringComparison.Ordinal));

    /// <summary>
    /// The message without stack-trace lines. They name the compiled lambdas of one particular
    /// compilation, so they differ between any two evaluators, and they do not belong in a finding.
    /// </summary>
    public static string Normalize(string message)
    {
        if (!message.Contains("\n", StringComparison.Ordinal))
            return message;
        var kept = message.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => !IsStackLine(line));
        return string.Join('\n', kept);
    }

    static bool IsStackLine(string line)
    {
        var trimmed = line.TrimStart();
        return (trimmed.Length < line.Length && trimmed.StartsWith("at ", StringComparison.Ordinal))
            || trimmed.StartsWith("--- End of ", StringComparison.Ordinal);
    }
}
