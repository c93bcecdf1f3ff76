using LandQuality.Rules.Facts;

namespace LandQuality.Tests.Rules.Facts;

public sealed class CodePointOrderTests
{
    [Theory]
    [InlineData("19753-0000001", "19753-0000002")]
    [InlineData("19753-000000", "19753-0000001")]
    [InlineData("A", "a")]
    [InlineData("Z", "Đ")]
    // U+FFFD sorts before U+1F600 by code point, although its UTF-16 unit (FFFD) is above the surrogate D83D.
    [InlineData("x\uFFFD", "x\U0001F600")]
    [InlineData("x\U0001F600", "x\U0001F600y")]
    public void Orders_by_code_point_as_the_C_collation_does(string before, string after)
    {
        Assert.True(CodePointOrder.Compare(before, after) < 0);
        Assert.True(CodePointOrder.Compare(after, before) > 0);
        Assert.Equal(0, CodePointOrder.Compare(before, new string(before.AsSpan())));
    }
}
