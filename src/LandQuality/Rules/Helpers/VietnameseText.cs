using System.Globalization;
using System.Text;

namespace LandQuality.Rules.Helpers;

/// <summary>The text work behind <see cref="VietnameseName"/>: cleaning, casing and tone placement.</summary>
static class VietnameseText
{
    /// <summary>
    /// NFC, single spaces, title case per word; with <paramref name="canonicalTones"/> also the
    /// traditional tone placement on oa/oe/uy. Null stays null; never throws.
    /// </summary>
    public static string? Clean(string? text, bool canonicalTones)
    {
        if (text is null)
            return null;
        var letters = ToneMarks.Decompose(ToNfd(text));
        var words = new List<string>();
        var word = new List<Letter>();
        foreach (var letter in letters)
        {
            if (IsSeparator(letter.Base))
            {
                Flush();
                continue;
            }
            word.Add(letter);
        }
        Flush();
        return string.Join(' ', words);

        void Flush()
        {
            if (word.Count == 0)
                return;
            TitleCase(word);
            if (canonicalTones)
                ForEachSyllable(word, (start, end) => ToneMarks.PlaceToneTraditionally(word, start, end));
            words.Add(ToneMarks.Compose(word));
            word.Clear();
        }
    }

    /// <summary>Lower case, no tone marks or vowel diacritics, đ as d, single spaces.</summary>
    public static string? Key(string? text)
    {
        if (text is null)
            return null;
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var letter in ToneMarks.Decompose(ToNfd(text)))
        {
            if (IsSeparator(letter.Base))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (CharUnicodeInfo.GetUnicodeCategory(letter.Base) == UnicodeCategory.NonSpacingMark)
                continue;
            if (pendingSpace)
                sb.Append(' ');
            pendingSpace = false;
            sb.Append(PlainBase(letter.Base));
        }
        return sb.ToString();
    }

    /// <summary>The base letter without its stroke (đ → d), lower case.</summary>
    public static char PlainBase(char b) => char.ToLowerInvariant(b) is 'đ' ? 'd' : char.ToLowerInvariant(b);

    /// <summary>Every diacritic a letter carries, the stroke of đ included, as mark characters.</summary>
    public static string MarksOf(Letter letter)
    {
        var marks = letter.Modifiers + letter.Tone;
        return char.ToLowerInvariant(letter.Base) is 'đ' ? marks + '\u0336' : marks;
    }

    public static List<Letter> Letters(string normalized) => ToneMarks.Decompose(normalized.Normalize(NormalizationForm.FormD));

    static bool IsSeparator(char c) => char.IsWhiteSpace(c) || char.IsControl(c);

    /// <summary>
    /// NFD of the text with what cannot be normalised made harmless: lone surrogates (which make
    /// string.Normalize throw) become U+FFFD, invisible format characters (zero-width space, BOM,
    /// soft hyphen) go, and the Icelandic eth that legacy-encoding converters leave for Đ becomes Đ.
    /// </summary>
    static string ToNfd(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }
            if (char.IsSurrogate(c))
                sb.Append('\uFFFD');
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
                continue;
            else
                sb.Append(c switch { '\u00D0' => '\u0110', '\u00F0' => '\u0111', _ => c });
        }
        return sb.ToString().Normalize(NormalizationForm.FormD);
    }

    /// <summary>Upper case at the start of the word and after a hyphen or apostrophe (H'Hen), lower elsewhere.</summary>
    static void TitleCase(List<Letter> word)
    {
        var startOfPart = true;
        for (var i = 0; i < word.Count; i++)
        {
            var b = word[i].Base;
            if (char.IsLetter(b))
            {
                word[i] = word[i].WithBase(startOfPart ? char.ToUpperInvariant(b) : char.ToLowerInvariant(b));
                startOfPart = false;
            }
            else if (b is '-' or '\'' or '\u2019')
            {
                startOfPart = true;
            }
        }
    }

    static void ForEachSyllable(List<Letter> word, Action<int, int> action)
    {
        var start = 0;
        for (var i = 0; i <= word.Count; i++)
        {
            if (i < word.Count && word[i].IsLetter)
                continue;
            if (i > start)
                action(start, i);
            start = i + 1;
        }
    }
}
