using LandQuality.Rules.Helpers;

namespace LandQuality.Tests.Rules.Helpers;

public class AreasTests
{
    [Theory]
    [InlineData(100.0, 101.0, 0.02, true)]
    [InlineData(100.0, 102.0, 0.02, true)]
    [InlineData(100.0, 103.0, 0.02, false)]
    [InlineData(103.0, 100.0, 0.02, false)]
    [InlineData(100.0, 100.0, 0.0, true)]
    [InlineData(0.0, 0.0, 0.01, true)]
    [InlineData(0.0, 1.0, 0.01, false)]
    [InlineData(100.0, 101.0, -0.02, true)]
    public void WithinTolerance_is_relative_to_the_larger_area(double a, double b, double tolerance, bool expected) =>
        Assert.Equal(expected, Areas.WithinTolerance((decimal)a, (decimal)b, (decimal)tolerance));

    [Fact]
    public void WithinTolerance_is_true_when_a_side_is_missing()
    {
        Assert.True(Areas.WithinTolerance(null, 100m, 0.01m));
        Assert.True(Areas.WithinTolerance(100m, null, 0.01m));
        Assert.True(Areas.WithinTolerance(null, null, 0m));
    }

    [Theory]
    [InlineData(250.0, 250.0, 0.0, true)]
    [InlineData(250.0, 249.95, 0.1, true)]
    [InlineData(250.0, 249.8, 0.1, false)]
    [InlineData(250.0, 300.0, 1.0, false)]
    public void PurposesAddUp_uses_an_absolute_tolerance(double parcel, double sum, double tolerance, bool expected) =>
        Assert.Equal(expected, Areas.PurposesAddUp((decimal)parcel, (decimal)sum, (decimal)tolerance));

    [Fact]
    public void PurposesAddUp_is_true_when_a_side_is_missing()
    {
        Assert.True(Areas.PurposesAddUp(null, 10m, 0m));
        Assert.True(Areas.PurposesAddUp(10m, null, 0m));
    }

    [Theory]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))", 100)]
    [InlineData("POLYGON((0 0,0 10,10 10,10 0,0 0))", 100)]
    [InlineData("polygon ((0 0, 4 0, 0 3, 0 0))", 6)]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))", 96)]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 2 1, 2 2, 1 2, 1 1), (5 5, 7 5, 7 7, 5 7, 5 5))", 95)]
    [InlineData("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((20 0, 25 0, 25 2, 20 2, 20 0)))", 110)]
    [InlineData("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2)), ((20 0, 21 0, 21 1, 20 1, 20 0)))", 97)]
    [InlineData("POLYGON Z ((0 0 5, 10 0 5, 10 10 6, 0 10 6, 0 0 5))", 100)]
    [InlineData("POLYGON ZM ((0 0 1 2, 10 0 1 2, 10 10 1 2, 0 10 1 2, 0 0 1 2))", 100)]
    [InlineData("SRID=9210;POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))", 100)]
    [InlineData("POLYGON ((0 0, 1e1 0, 1E1 10, 0 10, 0 0))", 100)]
    [InlineData("POLYGON EMPTY", 0)]
    [InlineData("MULTIPOLYGON EMPTY", 0)]
    [InlineData("  POLYGON ( ( 0 0 , 2 0 , 2 2 , 0 2 , 0 0 ) )  ", 4)]
    public void PolygonArea_uses_the_shoelace_formula(string wkt, double expected) =>
        Assert.Equal((decimal)expected, Areas.PolygonArea(wkt));

    [Fact]
    public void PolygonArea_is_exact_for_projected_VN2000_coordinates()
    {
        // A 12.5 m × 20.4 m lot at realistic VN-2000 easting/northing.
        const string wkt = "POLYGON ((552301.125 1825440.250, 552313.625 1825440.250, 552313.625 1825460.650, 552301.125 1825460.650, 552301.125 1825440.250))";
        Assert.Equal(255m, Areas.PolygonArea(wkt));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("POINT (1 2)")]
    [InlineData("LINESTRING (0 0, 1 1)")]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10))")]
    [InlineData("POLYGON ((0 0, 10 0, 0 0))")]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0)")]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0)) trailing")]
    [InlineData("POLYGON ((0 0, 10 x, 10 10, 0 10, 0 0))")]
    [InlineData("POLYGON ((0 0, 10, 10 10, 0 10, 0 0))")]
    [InlineData("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0), (-5 -5, 5 -5, 5 5, -5 5, -5 -5))")]
    [InlineData("POLYGON Q ((0 0, 10 0, 10 10, 0 10, 0 0))")]
    [InlineData("POLYGON ((1e400 0, 10 0, 10 10, 0 10, 1e400 0))")]
    [InlineData("POLYGON ((0 0, 79228162514264337593543950335 0, 79228162514264337593543950335 79228162514264337593543950335, 0 0))")]
    [InlineData("SRID=4326POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))")]
    [InlineData("MULTIPOLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))")]
    [InlineData("(((((((")]
    public void PolygonArea_is_null_for_malformed_input(string? wkt) =>
        Assert.Null(Areas.PolygonArea(wkt));

    [Fact]
    public void GeometryMatches_compares_the_polygon_with_the_recorded_area()
    {
        const string square = "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))";
        Assert.True(Areas.GeometryMatches(square, 100m, 0m));
        Assert.True(Areas.GeometryMatches(square, 103m, 0.05m));
        Assert.False(Areas.GeometryMatches(square, 120m, 0.05m));
        Assert.True(Areas.GeometryMatches(square, null, 0.05m));
        Assert.True(Areas.GeometryMatches(null, 120m, 0.05m));
        Assert.True(Areas.GeometryMatches("not wkt", 120m, 0.05m));
    }
}
