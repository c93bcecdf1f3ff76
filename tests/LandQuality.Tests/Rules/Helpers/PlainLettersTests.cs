using System.Text;
using LandQuality.Rules.Helpers;

namespace LandQuality.Tests.Rules.Helpers;

/// <summary>The table shortcut must decide exactly what the slow cleaning decides, or not decide at all.</summary>
public class PlainLettersTests
{
    // Every case the slow path treats specially, next to the plain letters names are made of.
    static readonly string[] Pieces =
    [
        "a", "A", "n", "N", "Nguyễn", "nguyễn", "NGUYỄN", "Văn", "văn", "Hoà", "Hòa", "hoà", "Thuỷ", "Thủy", "Khoẻ", "Quý", "Ưng", "ưng",
        "Đ", "đ", "Ð", "ð", "H'Hen", "h'hen", "H\u2019Hen", "Jean-Pierre", "jean-Pierre", "123", "!?", ".", "ª", "ǅ", "ǆ", "Å", "\u212B",
        "e\u0301", "\u0301", "ế", "e\u0301\u0302", "\u1E4D", "ı", "İ", "ß", "ſ", "µ",
        " ", " ", " ", "\t", "\u00A0", "\u200B", "\u00AD", "\uD800", "\u0000",
    ];

    // Short random joins of the pieces repeat (a single piece comes up dozens of times); each text is one case,
    // as xunit keeps only the first of equal rows anyway.
    public static TheoryData<string> Texts()
    {
        var texts = new HashSet<string>(StringComparer.Ordinal) { "", " ", "  ", "Nguyễn Văn An", " Nguyễn Văn An", "Nguyễn Văn An ", "Nguyễn  Văn An" };
        var data = new TheoryData<string>(texts);
        var rng = new Random(20251201);
        for (var i = 0; i < 3000; i++)
        {
            var sb = new StringBuilder();
            for (var n = rng.Next(1, 6); n > 0; n--)
                sb.Append(Pieces[rng.Next(Pieces.Length)]);
            if (texts.Add(sb.ToString()))
                data.Add(sb.ToString());
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Agrees_with_the_slow_cleaning_whenever_it_decides(string text)
    {
        if (PlainLetters.IsClean(text) is { } clean)
            Assert.Equal(text == VietnameseText.Clean(text, canonicalTones: false), clean);
        if (PlainLetters.IsCanonical(text))
            Assert.Equal(text, VietnameseText.Clean(text, canonicalTones: true));
    }

    [Fact]
    public void Agrees_for_every_character_it_knows_in_every_position()
    {
        var decided = 0;
        foreach (var c in Enumerable.Range(0, 0x0250).Concat(Enumerable.Range(0x1E00, 0x100)).Select(i => (char)i))
        {
            foreach (var text in new[] { $"{c}", $"A{c}", $"A{c}a", $"{c}a", $"An {c}", $"A-{c}" })
            {
                if (PlainLetters.IsClean(text) is not { } clean)
                    continue;
                decided++;
                Assert.True(text == VietnameseText.Clean(text, canonicalTones: false) == clean, $"U+{(int)c:X4} in \"{text}\"");
                if (PlainLetters.IsCanonical(text))
                    Assert.Equal(text, VietnameseText.Clean(text, canonicalTones: true));
            }
        }
        Assert.True(decided > 3000, $"only {decided} texts decided by the table");
    }

    [Theory]
    [InlineData("Nguyễn Văn An")]
    [InlineData("Trần Thị Ngọc Hà")]
    [InlineData("Hòa")]
    [InlineData("nguyễn văn an")]
    [InlineData("Nguyễn  Văn An")]
    public void Decides_the_names_of_the_data(string name) =>
        Assert.NotNull(PlainLetters.IsClean(name));

    [Theory]
    [InlineData("Nguye\u0302\u0303n Va\u0306n An")]
    [InlineData("Trần\tThị")]
    [InlineData("H\u2019Hen")]
    [InlineData("\u00D0ỗ Văn An")]
    public void Leaves_what_the_slow_path_rewrites_to_it(string name) =>
        Assert.Null(PlainLetters.IsClean(name));
}
