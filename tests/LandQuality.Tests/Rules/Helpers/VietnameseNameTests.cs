using System.Text;
using LandQuality.Rules.Helpers;

namespace LandQuality.Tests.Rules.Helpers;

public class VietnameseNameTests
{
    static readonly char[] Tones = ['\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];

    /// <summary>Every tone on every oa/oe/uy syllable, lower and upper case: (traditional, modern).</summary>
    public static TheoryData<string, string> TonePlacementPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var (onset, v1, v2) in new[] { ("h", "o", "a"), ("kh", "o", "e"), ("th", "u", "y"), ("", "o", "a"), ("t", "u", "y"), ("x", "o", "e") })
            foreach (var tone in Tones)
            {
                var traditional = (onset + v1 + tone + v2).Normalize(NormalizationForm.FormC);
                var modern = (onset + v1 + v2 + tone).Normalize(NormalizationForm.FormC);
                data.Add(traditional, modern);
                data.Add(traditional.ToUpperInvariant(), modern.ToUpperInvariant());
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(TonePlacementPairs))]
    public void Traditional_and_modern_tone_placement_normalize_alike(string traditional, string modern)
    {
        Assert.Equal(VietnameseName.Normalize(traditional), VietnameseName.Normalize(modern));
        Assert.True(VietnameseName.SamePerson(traditional, modern));
        Assert.True(VietnameseName.SamePerson(modern.Normalize(NormalizationForm.FormD), traditional));
    }

    [Theory]
    [InlineData("hoà", "Hòa")]
    [InlineData("Hòa", "Hòa")]
    [InlineData("HOÀ", "Hòa")]
    [InlineData("khoẻ", "Khỏe")]
    [InlineData("thuỷ", "Thủy")]
    [InlineData("Nguyễn Thị Thuý", "Nguyễn Thị Thúy")]
    [InlineData("Lê Văn Hoạ", "Lê Văn Họa")]
    [InlineData("Uỷ", "Ủy")]
    [InlineData("oà", "Òa")]
    public void The_canonical_placement_is_the_traditional_one(string input, string expected) =>
        Assert.Equal(expected, VietnameseName.Normalize(input));

    [Theory]
    [InlineData("Quý")]
    [InlineData("Quỳnh")]
    [InlineData("Hoàn")]
    [InlineData("Thuyết")]
    [InlineData("Ngoài")]
    [InlineData("Khuỷu")]
    [InlineData("Toán")]
    [InlineData("Huế")]
    [InlineData("Của")]
    public void Syllables_where_both_styles_agree_are_left_alone(string name) =>
        Assert.Equal(name, VietnameseName.Normalize(name));

    [Theory]
    [InlineData("nguyễn văn AN", "Nguyễn Văn An")]
    [InlineData("  Nguyễn   Văn\tAn  ", "Nguyễn Văn An")]
    [InlineData("NGUYỄN THỊ MINH KHAI", "Nguyễn Thị Minh Khai")]
    [InlineData("trần\u00A0thị\u200B bích", "Trần Thị Bích")]
    [InlineData("đỗ đức đạt", "Đỗ Đức Đạt")]
    [InlineData("ĐẶNG VĂN ĐỨC", "Đặng Văn Đức")]
    [InlineData("\u00D0ỗ Văn An", "Đỗ Văn An")]
    [InlineData("h'hen niê", "H'Hen Niê")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void Normalize_fixes_case_spacing_and_lookalikes(string input, string expected) =>
        Assert.Equal(expected, VietnameseName.Normalize(input));

    [Fact]
    public void Normalize_composes_NFD_input()
    {
        var nfd = "Nguyễn Văn Ân".Normalize(NormalizationForm.FormD);
        Assert.Equal("Nguyễn Văn Ân", VietnameseName.Normalize(nfd));
        Assert.True(VietnameseName.Normalize(nfd)!.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void Normalize_accepts_marks_in_any_order()
    {
        // ế typed as e + acute + circumflex instead of e + circumflex + acute.
        Assert.Equal("Huế", VietnameseName.Normalize("Hue\u0301\u0302"));
    }

    [Fact]
    public void Normalize_survives_garbage()
    {
        Assert.Null(VietnameseName.Normalize(null));
        Assert.Equal("\uFFFDA", VietnameseName.Normalize("\uD800a"));
        Assert.Equal("\u0301", VietnameseName.Normalize("\u0301"));
        Assert.Equal("123 !?", VietnameseName.Normalize("123   !?"));
    }

    [Theory]
    [InlineData("Nguyễn Văn An", true)]
    [InlineData("Hoà", true)]
    [InlineData("Hòa", true)]
    [InlineData("Nguyễn  Văn An", false)]
    [InlineData(" Nguyễn Văn An", false)]
    [InlineData("nguyễn văn an", false)]
    [InlineData("NGUYỄN VĂN AN", false)]
    [InlineData("", true)]
    [InlineData(null, true)]
    public void IsNormalized_judges_form_spacing_and_case_but_not_tone_style(string? name, bool expected) =>
        Assert.Equal(expected, VietnameseName.IsNormalized(name));

    [Fact]
    public void IsNormalized_flags_NFD() =>
        Assert.False(VietnameseName.IsNormalized("Nguyễn Văn An".Normalize(NormalizationForm.FormD)));

    [Theory]
    [InlineData("Nguyễn Văn An", "nguyễn  văn an")]
    [InlineData("Lê Thị Hòa", "LÊ THỊ HOÀ")]
    [InlineData("Phạm Thị Thủy", "Phạm Thị Thuỷ")]
    public void SamePerson_ignores_form_case_spacing_and_tone_style(string a, string b) =>
        Assert.True(VietnameseName.SamePerson(a, b));

    [Theory]
    [InlineData("Nguyễn Văn An", "Nguyễn Văn Ân")]
    [InlineData("Nguyễn Văn An", "Trần Văn An")]
    [InlineData("Nguyễn Văn An", "Nguyen Van An")]
    [InlineData("Đỗ Văn An", "Do Van An")]
    [InlineData("Lê Thị Hòa", "Lê Thị Hóa")]
    [InlineData("Nguyễn Văn An", null)]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("  ", " ")]
    public void SamePerson_keeps_diacritics_significant(string? a, string? b) =>
        Assert.False(VietnameseName.SamePerson(a, b));

    [Theory]
    [InlineData("Nguyễn Văn An", "nguyen van an")]
    [InlineData("ĐẶNG  Thị Đào", "dang thi dao")]
    [InlineData("Đ", "d")]
    [InlineData("đ", "d")]
    [InlineData("Ưng Hoàng Phúc", "ung hoang phuc")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void StripAccents_gives_an_accent_insensitive_key(string? name, string? expected) =>
        Assert.Equal(expected, VietnameseName.StripAccents(name));

    [Fact]
    public void StripAccents_handles_NFD() =>
        Assert.Equal("nguyen van duc", VietnameseName.StripAccents("Nguyễn Văn Đức".Normalize(NormalizationForm.FormD)));

    [Theory]
    [InlineData("Nguyễn Văn An", "Nguyen Van An", true)]
    [InlineData("Đỗ Thị Hà", "DO THI HA", true)]
    [InlineData("Nguyễn Văn An", "Trần Văn An", false)]
    [InlineData("Nguyễn Văn An", null, false)]
    [InlineData("", "", false)]
    public void SameIgnoringAccents_compares_keys(string? a, string? b, bool expected) =>
        Assert.Equal(expected, VietnameseName.SameIgnoringAccents(a, b));

    [Theory]
    [InlineData("Nguyen Van An", "Nguyễn Văn An", true)]
    [InlineData("NGUYEN VAN AN", "Nguyễn Văn An", true)]
    [InlineData("Nguyễn Van An", "Nguyễn Văn An", true)]
    [InlineData("Do Thi Hoa", "Đỗ Thị Hòa", true)]
    [InlineData("Hoa", "Hoà", true)]
    [InlineData("Nguyễn Văn An", "Nguyễn Văn An", false)]
    [InlineData("Hoà", "Hòa", false)]
    [InlineData("Nguyễn Văn Án", "Nguyễn Văn An", false)]
    [InlineData("Nguyễn Văn Ấn", "Nguyễn Văn Ẩn", false)]
    [InlineData("Tran Van An", "Nguyễn Văn An", false)]
    [InlineData("Nguyễn Văn An", "Nguyen Van An", false)]
    [InlineData(null, "Nguyễn Văn An", false)]
    [InlineData("Nguyen Van An", null, false)]
    [InlineData("", "", false)]
    public void LacksDiacriticsOf_finds_names_that_only_lost_diacritics(string? land, string? registry, bool expected) =>
        Assert.Equal(expected, VietnameseName.LacksDiacriticsOf(land, registry));

    [Theory]
    [InlineData("Tôn Thất Thuyết", "Tôn Thất")]
    [InlineData("Tôn Nữ Minh Châu", "Tôn Nữ")]
    [InlineData("Công Tằng Tôn Nữ Thị Hà", "Công Tằng Tôn Nữ")]
    [InlineData("Công Tôn Nữ Thu Hương", "Công Tôn Nữ")]
    [InlineData("Nguyễn Phúc Vĩnh Lộc", "Nguyễn Phúc")]
    [InlineData("nguyễn phước bửu chánh", "Nguyễn Phước")]
    [InlineData("TON THAT THUYET", "Ton That")]
    [InlineData("Nguyễn Văn An", "Nguyễn")]
    [InlineData("Nguyễn Phục Hưng", "Nguyễn")]
    [InlineData("Tôn Thất", "Tôn")]
    [InlineData("  lê   thị hoà ", "Lê")]
    [InlineData("An", "An")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Surname_keeps_compound_surnames_whole(string? name, string? expected) =>
        Assert.Equal(expected, VietnameseName.Surname(name));
}
