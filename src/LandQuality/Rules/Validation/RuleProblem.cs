using System.Globalization;
using System.Text;

namespace LandQuality.Rules.Validation;

public enum ProblemLevel { Error, Warning }

/// <summary>
/// Something wrong with a rule set. <see cref="RulePath"/> names the rule and its parents
/// ("parent › child"); <see cref="Position"/> is the 0-based character in <see cref="Expression"/>
/// where the parser stopped, when it says.
/// </summary>
public sealed record RuleProblem(
    ProblemLevel Level, string Workflow, string? RulePath, string Message, string? Expression = null, int? Position = null)
{
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Level == ProblemLevel.Error ? "error" : "warning").Append(": ").Append(Workflow);
        if (RulePath is not null)
            sb.Append(" › ").Append(RulePath);
        if (Position is { } position)
            sb.Append(CultureInfo.InvariantCulture, $" (position {position + 1})");
        sb.Append(": ").Append(Message);
        if (Expression is not null)
        {
            sb.Append('\n').Append("    ").Append(Expression);
            if (Position is { } p && p >= 0 && p <= Expression.Length)
                sb.Append('\n').Append(' ', 4 + p).Append('^');
        }
        return sb.ToString();
    }
}
