using System.Globalization;
using System.Text;

namespace LandQuality.Rules.Helpers;

/// <summary>
/// One written letter of Vietnamese text split into its parts: the base character, the vowel
/// diacritics (circumflex, breve, horn) and the tone mark. Working on these parts instead of on
/// precomposed characters is what makes NFC and NFD input, and marks typed in odd orders, equal.
/// </summary>
readonly record struct Letter(char Base, string Modifiers, char? Tone)
{
    public bool IsLetter => char.IsLetter(Base);

    public char LowerBase => char.ToLowerInvariant(Base);

    public Letter WithBase(char b) => this with { Base = b };

    /// <summary>Vowel diacritics first, tone last: the order NFC composes into one character.</summary>
    public void AppendTo(StringBuilder sb)
    {
        sb.Append(Base).Append(Modifiers);
        if (Tone is { } tone)
            sb.Append(tone);
    }
}

/// <summary>
/// Vietnamese tone marks and where they sit. The five marked tones are grave (huyền), hook above
/// (hỏi), tilde (ngã), acute (sắc) and dot below (nặng); the sixth tone (ngang) has no mark.
/// </summary>
static class ToneMarks
{
    public const char Grave = '\u0300';
    public const char Acute = '\u0301';
    public const char Tilde = '\u0303';
    public const char HookAbove = '\u0309';
    public const char DotBelow = '\u0323';

    public static bool IsTone(char c) => c is Grave or Acute or Tilde or HookAbove or DotBelow;

    static bool IsVowel(char lower) => lower is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    /// <summary>
    /// Splits text into letters. The text must already be NFD; a combining mark with nothing
    /// before it becomes a letter of its own so that no character is ever lost.
    /// </summary>
    public static List<Letter> Decompose(string nfd)
    {
        var letters = new List<Letter>(nfd.Length);
        for (var i = 0; i < nfd.Length;)
        {
            var b = nfd[i++];
            var modifiers = new StringBuilder();
            char? tone = null;
            while (i < nfd.Length && CharUnicodeInfo.GetUnicodeCategory(nfd[i]) == UnicodeCategory.NonSpacingMark)
            {
                var mark = nfd[i++];
                // A second tone mark on one letter is garbage; keep it (as a modifier) rather than drop it.
                if (IsTone(mark) && tone is null)
                    tone = mark;
                else
                    modifiers.Append(mark);
            }
            letters.Add(new Letter(b, modifiers.ToString(), tone));
        }
        return letters;
    }

    public static string Compose(IEnumerable<Letter> letters)
    {
        var sb = new StringBuilder();
        foreach (var letter in letters)
            letter.AppendTo(sb);
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Moves the tone of an open syllable ending in oa, oe or uy onto the first of the two vowels
    /// (the traditional placement: hòa, khỏe, thủy) from the second (hoà, khoẻ, thuỷ). Only these
    /// open syllables differ between the two styles: with a final consonant (hoàn, thuyết) or a
    /// third vowel (ngoài, khuỷu) both put the tone in the same place, and in quy the u belongs to
    /// the consonant qu, so quý is right in both. The syllable is letters[start..end).
    /// </summary>
    public static void PlaceToneTraditionally(List<Letter> letters, int start, int end)
    {
        var n = end - start;
        if (n < 2)
            return;
        int first = end - 2, second = end - 1;
        var pair = (letters[first].LowerBase, letters[second].LowerBase);
        if (pair is not (('o', 'a') or ('o', 'e') or ('u', 'y')))
            return;
        if (letters[first].Modifiers.Length > 0 || letters[second].Modifiers.Length > 0)
            return;
        for (var i = start; i < first; i++)
            if (IsVowel(letters[i].LowerBase) || letters[i].Tone is not null)
                return;
        if (first > start && letters[first - 1].LowerBase == 'q')
            return;
        if (letters[second].Tone is { } tone && letters[first].Tone is null)
        {
            letters[first] = letters[first] with { Tone = tone };
            letters[second] = letters[second] with { Tone = null };
        }
    }
}
