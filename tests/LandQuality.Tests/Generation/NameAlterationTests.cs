using LandQuality.Generation;

namespace LandQuality.Tests.Generation;

public sealed class NameAlterationTests
{
    [Theory]
    [InlineData("Nguyễn Thị Hòa", "Nguyễn Thị Hoà")]
    [InlineData("Lê Thị Thủy", "Lê Thị Thuỷ")]
    [InlineData("Trần Văn Khỏe", "Trần Văn Khoẻ")]
    [InlineData("Phan Thị Hoà", "Phan Thị Hòa")]
    public void Tone_marks_move_between_old_and_new_placement(string name, string expected) =>
        Assert.Equal(expected, NameAlterations.TryMoveToneMark(name));

    [Theory]
    [InlineData("Nguyễn Văn Hoàng")] // closed syllable: the mark has only one place
    [InlineData("Lê Quỳnh")]
    [InlineData("Cao Thanh An")]
    public void Names_without_an_open_oa_oe_uy_syllable_have_no_tone_variant(string name) =>
        Assert.Null(NameAlterations.TryMoveToneMark(name));

    [Theory]
    [InlineData("Nguyễn Văn An", "Nguyen Van An")]
    [InlineData("Đặng Thị Thủy", "Dang Thi Thuy")]
    [InlineData("Tôn Nữ Thị Ngọc", "Ton Nu Thi Ngoc")]
    public void Diacritics_are_stripped_to_plain_ascii(string name, string expected) =>
        Assert.Equal(expected, NameAlterations.StripDiacritics(name));

    [Fact]
    public void A_variant_always_differs_in_spelling_but_not_in_name()
    {
        var rng = new SplitMix64(9);
        foreach (var name in new[] { "Nguyễn Văn An", "Cao Thanh An", "Hồ Thị Thúy", "Tôn Thất Tùng" })
            for (var i = 0; i < 20; i++)
            {
                var variant = NameAlterations.Variant(name, ref rng);
                Assert.NotEqual(name, variant);
                Assert.Equal(ParcelChecks.FoldName(name), ParcelChecks.FoldName(variant));
            }
    }

    [Fact]
    public void Name_lists_are_nfc_and_different_names_of_a_group_never_fold_together()
    {
        var names = VietnameseNameGenerator.Instance;
        foreach (var table in new[] { names.Surnames, names.Middles, names.Givens })
            Assert.All(table.Names, n => Assert.True(n.IsNormalized(), n));
        foreach (var group in new[] { "M", "F" })
        {
            var rng = new SplitMix64(1);
            var drawn = Enumerable.Range(0, 5000).Select(_ => names.Givens.Pick(ref rng, group)).Distinct().ToList();
            Assert.Equal(drawn.Count, drawn.Select(i => ParcelChecks.FoldName(names.Givens.Names[i])).Distinct().Count());
        }
    }
}
