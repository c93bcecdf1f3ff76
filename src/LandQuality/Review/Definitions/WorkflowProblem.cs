using System.Globalization;
using System.Text;

namespace LandQuality.Review.Definitions;

/// <summary>
/// Something wrong with a workflow file. <see cref="Path"/> names the member like the JSON does
/// (<c>stages[2].decisions[0].to</c>; <c>$</c> for the whole file); <see cref="Line"/> and
/// <see cref="Position"/> (1-based, position in bytes) are known when the JSON itself could not be read.
/// </summary>
public sealed record WorkflowProblem(string Path, string Message, long? Line = null, long? Position = null)
{
    public override string ToString()
    {
        var sb = new StringBuilder(Path);
        if (Line is { } line)
            sb.Append(CultureInfo.InvariantCulture, $" (line {line}, position {Position ?? 0})");
        return sb.Append(": ").Append(Message).ToString();
    }

    /// <summary>
    /// FluentValidation names members after the C# properties (<c>Stages[2].DueDays</c>); we
    /// report them as written in the file (<c>stages[2].dueDays</c>).
    /// </summary>
    internal static string JsonPath(string propertyPath)
    {
        if (propertyPath.Length == 0)
            return "$";
        var chars = propertyPath.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (i == 0 || chars[i - 1] == '.')
                chars[i] = char.ToLowerInvariant(chars[i]);
        return new string(chars);
    }
}
