using LandQuality.Reference;
using LandQuality.Rules.Helpers;

namespace LandQuality.Tests.Rules.Helpers;

public class LandUseTests
{
    [Theory]
    [InlineData("ONT", true, true, false)]
    [InlineData("LUC", true, true, false)]
    [InlineData(" ODT ", true, true, false)]
    [InlineData("LUN", true, false, true)]
    [InlineData("TSN", true, false, true)]
    [InlineData("ont", false, false, false)]
    [InlineData("XYZ", false, false, false)]
    [InlineData("", false, false, false)]
    [InlineData(null, false, false, false)]
    public void Codes_are_classified_against_the_reference_list(string? code, bool known, bool current, bool legacy)
    {
        Assert.Equal(known, LandUse.IsKnown(code));
        Assert.Equal(current, LandUse.IsCurrent(code));
        Assert.Equal(legacy, LandUse.IsLegacy(code));
    }

    [Theory]
    [InlineData("LUN", "LUK")]
    [InlineData("BHK", "HNK")]
    [InlineData("TSL", "NTS")]
    [InlineData("DDT", "DVH")]
    [InlineData("TTN", "PNK")]
    [InlineData("ONT", null)]
    [InlineData("XYZ", null)]
    [InlineData(null, null)]
    public void MapsTo_gives_the_current_code_of_a_legacy_code(string? code, string? expected) =>
        Assert.Equal(expected, LandUse.MapsTo(code));

    [Fact]
    public void Every_legacy_code_maps_to_a_current_code()
    {
        foreach (var code in ReferenceData.Current.LandUseCodes.Keys.Where(LandUse.IsLegacy))
            Assert.True(LandUse.IsCurrent(LandUse.MapsTo(code)), code);
    }

    [Theory]
    [InlineData("ONT", true)]
    [InlineData("ODT", true)]
    [InlineData("ODT ", true)]
    [InlineData("LUC", false)]
    [InlineData("TMD", false)]
    [InlineData("odt", false)]
    [InlineData(null, false)]
    public void IsResidential_is_ONT_or_ODT(string? code, bool expected) =>
        Assert.Equal(expected, LandUse.IsResidential(code));
}
