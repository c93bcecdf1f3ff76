using LandQuality.Rules.Facts;

namespace LandQuality.Tests.Rules.Facts;

public sealed class RegistryDigitKeyTests
{
    [Fact]
    public void Leading_zeros_and_length_tell_keys_apart()
    {
        string[] ids = ["046123456789", "46123456789", "0046123456789", "001", "01", "1", "0"];

        var keys = ids.Select(RegistryMatches.DigitKey).ToList();

        Assert.All(keys, k => Assert.NotNull(k));
        Assert.Equal(ids.Length, keys.Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("04612345678a")]
    [InlineData(" 046123456789")]
    [InlineData("０４６")] // full-width digits are not ASCII digits
    [InlineData("123456789012345678")] // 18 digits: more than one number can hold with its length
    public void Anything_but_1_to_17_ascii_digits_has_no_key(string id) => Assert.Null(RegistryMatches.DigitKey(id));

    [Fact]
    public void The_longest_key_fits()
    {
        Assert.Equal(99_999_999_999_999_999L * 32 + 17, RegistryMatches.DigitKey("99999999999999999"));
    }
}
