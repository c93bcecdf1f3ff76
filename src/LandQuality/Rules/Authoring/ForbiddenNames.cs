using System.Text.RegularExpressions;

namespace LandQuality.Rules.Authoring;

/// <summary>
/// Names of what a rule must never reach — files, the network, processes, the environment, threads, the
/// garbage collector, reflection — found in an expression's text (outside its string literals) before it
/// is compiled. The parser and <see cref="Evaluation.ExpressionAllowList"/> refuse all of these anyway; this
/// only makes the refusal name the member ("`System.IO.File` is not allowed") instead of a parser message
/// such as "Unknown identifier 'System'" that leaves a policy officer guessing.
/// </summary>
public static partial class ForbiddenNames
{
    /// <summary>The first forbidden name in <paramref name="expression"/>, with its position; null when there is none.</summary>
    public static (string Name, int Position)? Find(string expression)
    {
        var code = Literal().Replace(expression, m => new string(' ', m.Length));
        var match = Forbidden().Match(code);
        return match.Success ? (match.Value, match.Index) : null;
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex Literal();

    [GeneratedRegex(@"(?<![\w.])(?:System(?:\.\w+)*|Microsoft(?:\.\w+)*|Activator|Environment|Process|ProcessStartInfo|Thread|ThreadPool|Task|Parallel|Timer|GC|AppDomain|AppContext|Assembly|Marshal|File|Directory|FileInfo|DirectoryInfo|Path|Stream|Socket|Dns|HttpClient|WebClient|WebRequest|Console|Reflection|MethodInfo|Delegate|Expression)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Forbidden();
}
