using LandQuality.Rules.Helpers;

namespace LandQuality.Tests.Rules.Helpers;

public class TextsTests
{
    [Theory]
    [InlineData("-")]
    [InlineData(" N/A ")]
    [InlineData("NULL")]
    [InlineData("\t?\n")]
    [InlineData("X")]
    [InlineData("Không")]
    [InlineData("  KHÔNG RÕ")]
    [InlineData("\u00a0không rõ\u2003")]
    public void IsPlaceholder_recognises_fillers_whatever_their_case_and_surrounding_space(string text) =>
        Assert.True(Texts.IsPlaceholder(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Nguyễn Văn An")]
    [InlineData("00")]
    [InlineData("n/a n/a")]
    [InlineData("không rõ ràng")]
    [InlineData("Số 12 đường Lê Lợi, phường Thuận Hóa")]
    [InlineData("kho\u0302ng")] // decomposed "không": the rule compares code units, as the expression it replaces did
    public void IsPlaceholder_leaves_real_and_missing_values_alone(string? text) =>
        Assert.False(Texts.IsPlaceholder(text));

    /// <summary>The helper replaced this expression in the default rule set (version 1's junk_text); it must decide alike.</summary>
    [Fact]
    public void IsPlaceholder_decides_as_the_trim_and_lower_case_expression_it_replaced()
    {
        string[] fillers = ["-", ".", "0", "?", "x", "n/a", "null", "không", "không rõ"];
        var random = new Random(7);
        const string alphabet = " \t\u00a0-.0?xXnN/aAuUlLkKhHôÔgGrRõÕİıẞ\u0130";
        var samples = fillers.Concat(fillers.Select(f => $" {f.ToUpperInvariant()} "))
            .Concat(Enumerable.Range(0, 20_000).Select(_ =>
                new string(Enumerable.Range(0, random.Next(0, 11)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray())));
        foreach (var text in samples)
            Assert.True(fillers.Contains(text.Trim().ToLowerInvariant()) == Texts.IsPlaceholder(text), $"differs for \"{text}\"");
    }
}
