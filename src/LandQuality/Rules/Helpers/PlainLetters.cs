using System.Globalization;
using System.Text;

namespace LandQuality.Rules.Helpers;

/// <summary>
/// A shortcut for <see cref="VietnameseText.Clean"/> on the text almost every name is: the Latin
/// letters (precomposed Vietnamese ones included), ASCII punctuation and single spaces. For such a
/// character the slow path's decomposing, recasing and recomposing comes down to a case mapping of
/// that one character, so whether a text is clean can be read off a table. The table is filled by
/// running the slow path's own steps on every character, and a character for which they do
/// anything else (NFC changes it, a mark stands alone, two tones, a lookalike the cleaning
/// replaces, a separator other than U+0020) stays unknown: texts holding one take the slow path.
/// </summary>
static class PlainLetters
{
    [Flags]
    enum Kind : byte
    {
        Unknown = 0,
        Space = 1,
        /// <summary>A letter the cleaning leaves as it is at the start of a word part.</summary>
        Upper = 2,
        /// <summary>A letter the cleaning leaves as it is inside a word part.</summary>
        Lower = 4,
        /// <summary>Not a letter, kept as it is; a hyphen or apostrophe also starts a new word part (H'Hen).</summary>
        Other = 8,
        PartBreak = 16,
        /// <summary>a, e or y with a tone: traditional tone placement (oa, oe, uy) may move that tone.</summary>
        MovableTone = 32,
    }

    // Latin, Latin-1, Latin Extended-A/B; and Latin Extended Additional, where Vietnamese ạ…ỹ live.
    const int FirstRangeEnd = 0x0250;
    const int SecondRangeStart = 0x1E00, SecondRangeEnd = 0x1F00;

    static readonly Kind[] Table = Build();

    /// <summary>
    /// Whether <c>VietnameseText.Clean(text, canonicalTones: false)</c> equals <paramref name="text"/>;
    /// null when the text holds a character the table does not know.
    /// </summary>
    public static bool? IsClean(string text) => Scan(text, out _);

    /// <summary>
    /// Whether <c>VietnameseText.Clean(text, canonicalTones: true)</c> equals <paramref name="text"/>
    /// because the text is clean and no tone could move; null when that cannot be told from the table.
    /// </summary>
    public static bool IsCanonical(string text) => Scan(text, out var movableTone) == true && !movableTone;

    static bool? Scan(string text, out bool movableTone)
    {
        movableTone = false;
        var clean = true;
        var startOfWord = true;
        var startOfPart = true;
        foreach (var c in text)
        {
            var kind = KindOf(c);
            if (kind == Kind.Unknown)
                return null;
            movableTone |= (kind & Kind.MovableTone) != 0;
            if ((kind & Kind.Space) != 0)
            {
                // Clean joins words with one space: a leading or second space is not kept.
                clean &= !startOfWord;
                startOfWord = startOfPart = true;
                continue;
            }
            startOfWord = false;
            if ((kind & (Kind.Upper | Kind.Lower)) != 0)
            {
                clean &= (kind & (startOfPart ? Kind.Upper : Kind.Lower)) != 0;
                startOfPart = false;
            }
            else if ((kind & Kind.PartBreak) != 0)
            {
                startOfPart = true;
            }
        }
        // A trailing space is not kept either.
        return clean && (text.Length == 0 || !startOfWord);
    }

    static Kind KindOf(char c) =>
        c < FirstRangeEnd ? Table[c]
        : c is >= (char)SecondRangeStart and < (char)SecondRangeEnd ? Table[c - SecondRangeStart + FirstRangeEnd]
        : Kind.Unknown;

    static Kind[] Build()
    {
        var table = new Kind[FirstRangeEnd + SecondRangeEnd - SecondRangeStart];
        for (var c = 0; c < FirstRangeEnd; c++)
            table[c] = Classify((char)c);
        for (var c = SecondRangeStart; c < SecondRangeEnd; c++)
            table[c - SecondRangeStart + FirstRangeEnd] = Classify((char)c);
        return table;
    }

    /// <summary>What the slow path does with <paramref name="c"/> on its own, checked step by step.</summary>
    static Kind Classify(char c)
    {
        if (c == ' ')
            return Kind.Space;
        // Separators other than the space, invisible characters (dropped), lone marks and the eth
        // (replaced by Đ): the slow path does more than map the character.
        if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u00D0' or '\u00F0'
            || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            return Kind.Unknown;
        var text = c.ToString();
        var nfd = text.Normalize(NormalizationForm.FormD);
        var letters = ToneMarks.Decompose(nfd);
        if (letters.Count != 1 || CharUnicodeInfo.GetUnicodeCategory(nfd[0]) is UnicodeCategory.NonSpacingMark)
            return Kind.Unknown;
        var letter = letters[0];
        if (!char.IsLetter(letter.Base))
        {
            if (ToneMarks.Compose([letter]) != text)
                return Kind.Unknown;
            return letter.Base is '-' or '\'' ? Kind.Other | Kind.PartBreak : Kind.Other;
        }
        var kind = Kind.Unknown;
        if (ToneMarks.Compose([letter.WithBase(char.ToUpperInvariant(letter.Base))]) == text)
            kind |= Kind.Upper;
        if (ToneMarks.Compose([letter.WithBase(char.ToLowerInvariant(letter.Base))]) == text)
            kind |= Kind.Lower;
        if (kind != Kind.Unknown && letter.Tone is not null && letter.LowerBase is 'a' or 'e' or 'y')
            kind |= Kind.MovableTone;
        return kind;
    }
}
