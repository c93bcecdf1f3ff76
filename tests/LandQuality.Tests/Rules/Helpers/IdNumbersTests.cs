using LandQuality.People;
using LandQuality.Rules.Helpers;

namespace LandQuality.Tests.Rules.Helpers;

public class IdNumbersTests
{
    // Hà Nội (001), male, born 1985.
    static readonly string Male1985 = PersonalIdNumber.Compose("001", "M", 1985, 123456);
    // TP HCM (079), female, born 2003.
    static readonly string Female2003 = PersonalIdNumber.Compose("079", "F", 2003, 42);
    // Code 003 is not on the province list.
    static readonly string UnknownProvince = PersonalIdNumber.Compose("003", "M", 1990, 1);

    [Theory]
    [InlineData("001085123456", "cccd")]
    [InlineData(" 001085123456 ", "cccd")]
    [InlineData("123456789", "cmnd")]
    [InlineData("12345", "malformed")]
    [InlineData("00108512345X", "malformed")]
    [InlineData("001 085 123456", "malformed")]
    [InlineData("0010851234567", "malformed")]
    [InlineData("không có", "malformed")]
    [InlineData("", "missing")]
    [InlineData("   ", "missing")]
    [InlineData(null, "missing")]
    public void Kind_names_the_number_type(string? id, string expected) =>
        Assert.Equal(expected, IdNumbers.Kind(id));

    [Theory]
    [InlineData("001085123456", true, false, false)]
    [InlineData("123456789", false, true, false)]
    [InlineData("abc", false, false, true)]
    [InlineData("", false, false, false)]
    [InlineData(null, false, false, false)]
    public void Kind_predicates_agree_with_Kind(string? id, bool cccd, bool cmnd, bool malformed)
    {
        Assert.Equal(cccd, IdNumbers.IsCccd(id));
        Assert.Equal(cmnd, IdNumbers.IsLegacyCmnd(id));
        Assert.Equal(malformed, IdNumbers.IsMalformed(id));
    }

    [Fact]
    public void HasKnownProvinceCode_checks_the_official_list()
    {
        Assert.True(IdNumbers.HasKnownProvinceCode(Male1985));
        Assert.True(IdNumbers.HasKnownProvinceCode(Female2003));
        Assert.False(IdNumbers.HasKnownProvinceCode(UnknownProvince));
        Assert.False(IdNumbers.HasKnownProvinceCode("123456789"));
        Assert.False(IdNumbers.HasKnownProvinceCode(null));
        Assert.False(IdNumbers.HasKnownProvinceCode("x"));
    }

    [Theory]
    [InlineData("M", true)]
    [InlineData("m", true)]
    [InlineData("Nam", true)]
    [InlineData("male", true)]
    [InlineData("F", false)]
    [InlineData("Nữ", false)]
    [InlineData("NU", false)]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("?", true)]
    [InlineData("MALE", true)]
    [InlineData("fEmAlE", false)]
    [InlineData(" f ", false)]
    [InlineData("Nu\u0303", false)]
    [InlineData("xyz", true)]
    public void GenderMatches_for_a_male_CCCD(string? gender, bool expected) =>
        Assert.Equal(expected, IdNumbers.GenderMatches(Male1985, gender));

    [Fact]
    public void GenderMatches_decodes_the_century_digit_for_women_born_after_2000()
    {
        Assert.True(IdNumbers.GenderMatches(Female2003, "F"));
        Assert.True(IdNumbers.GenderMatches(Female2003, "nữ"));
        Assert.False(IdNumbers.GenderMatches(Female2003, "M"));
    }

    [Theory]
    [InlineData("123456789", "F")]
    [InlineData("garbage", "M")]
    [InlineData(null, "F")]
    [InlineData("", "M")]
    public void GenderMatches_is_true_without_a_CCCD(string? id, string gender) =>
        Assert.True(IdNumbers.GenderMatches(id, gender));

    [Fact]
    public void BirthYearMatches_only_fails_on_a_real_contradiction()
    {
        Assert.True(IdNumbers.BirthYearMatches(Male1985, 1985));
        Assert.False(IdNumbers.BirthYearMatches(Male1985, 1986));
        Assert.False(IdNumbers.BirthYearMatches(Male1985, 2085));
        Assert.True(IdNumbers.BirthYearMatches(Female2003, 2003));
        Assert.False(IdNumbers.BirthYearMatches(Female2003, 1903));
        Assert.True(IdNumbers.BirthYearMatches(Male1985, null));
        Assert.True(IdNumbers.BirthYearMatches("123456789", 1950));
        Assert.True(IdNumbers.BirthYearMatches(null, 1950));
        Assert.True(IdNumbers.BirthYearMatches("junk", null));
    }
}
