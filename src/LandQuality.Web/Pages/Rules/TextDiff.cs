using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace LandQuality.Web.Pages.Rules;

/// <summary>A stretch of an expression on one side of the diff, and whether the other side lacks it.</summary>
public sealed record DiffPiece(string Text, bool Changed);

/// <summary>
/// Two expressions token by token (names, numbers, spaces, single symbols), for the diff page to mark what changed
/// on each side without a script: the longest common subsequence stays plain, the rest is marked.
/// </summary>
public static partial class TextDiff
{
    /// <summary>Beyond this many token pairs the whole text is marked: expressions are short, and this keeps a huge one cheap.</summary>
    const int MaxCells = 400_000;

    public static (IReadOnlyList<DiffPiece> Before, IReadOnlyList<DiffPiece> After) Compare(string? before, string? after)
    {
        var a = Tokens(before);
        var b = Tokens(after);
        if ((long)a.Length * b.Length > MaxCells)
            return (Whole(before, before != after), Whole(after, before != after));
        // lengths[i, j]: the longest common subsequence of a[i..] and b[j..].
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
        var left = new List<DiffPiece>();
        var right = new List<DiffPiece>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                Add(left, a[x++], changed: false);
                Add(right, b[y++], changed: false);
            }
            else if (y < b.Length && (x == a.Length || lengths[x, y + 1] >= lengths[x + 1, y]))
                Add(right, b[y++], changed: true);
            else
                Add(left, a[x++], changed: true);
        }
        return (Tidy(left), Tidy(right));
    }

    /// <summary>
    /// A little run of punctuation or space left plain between two changes ("." matched inside two different strings)
    /// joins them: one marked stretch reads better than a change cut into crumbs.
    /// </summary>
    static List<DiffPiece> Tidy(List<DiffPiece> pieces)
    {
        var tidy = new List<DiffPiece>();
        for (var i = 0; i < pieces.Count; i++)
        {
            var crumb = !pieces[i].Changed && i > 0 && i < pieces.Count - 1 && pieces[i].Text.Length <= 3 && !pieces[i].Text.Any(char.IsLetterOrDigit);
            Add(tidy, pieces[i].Text, pieces[i].Changed || crumb);
        }
        return tidy;
    }

    /// <summary>
    /// The pieces as markup, the changed ones inside <paramref name="mark"/> (<c>del</c> on the old side, <c>ins</c> on the
    /// new); built here rather than in the view, where Razor would add spaces between them.
    /// </summary>
    public static IHtmlContent Html(IEnumerable<DiffPiece> pieces, string mark)
    {
        var html = new HtmlContentBuilder();
        foreach (var piece in pieces)
        {
            if (piece.Changed)
                html.AppendHtml($"<{mark}>").Append(piece.Text).AppendHtml($"</{mark}>");
            else
                html.Append(piece.Text);
        }
        return html;
    }

    static void Add(List<DiffPiece> pieces, string token, bool changed)
    {
        if (pieces.Count > 0 && pieces[^1].Changed == changed)
            pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + token };
        else
            pieces.Add(new DiffPiece(token, changed));
    }

    static List<DiffPiece> Whole(string? text, bool changed) => string.IsNullOrEmpty(text) ? [] : [new DiffPiece(text, changed)];

    static string[] Tokens(string? text) => string.IsNullOrEmpty(text) ? [] : Token().Matches(text).Select(m => m.Value).ToArray();

    [GeneratedRegex(@"\w+|\s+|.", RegexOptions.Singleline)]
    private static partial Regex Token();
}
