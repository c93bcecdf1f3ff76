using System.Globalization;
using LandQuality.Rules.Helpers;

namespace LandQuality.Tests.Rules.Helpers;

/// <summary>The WKT number shortcut must give decimal.TryParse's very bits (scale included), or leave the number to it.</summary>
public class PlainDecimalTests
{
    public static TheoryData<string> Numbers()
    {
        var data = new TheoryData<string>
        {
            "0", "-0", "0.0", "-0.00", "1", "-1", "1.50", "554090.50", "-554090.50", "1818163.81", "007.250", "123456789012345678",
            "1234567890123456789", "0.123456789012345678", "99999999999999999.9", ".5", "5.", "-", "", "1e3", "+1", "1.2.3", "--1", "1-",
        };
        var rng = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var whole = rng.NextInt64(0, 10_000_000_000);
            var text = rng.Next(3) switch
            {
                0 => whole.ToString(CultureInfo.InvariantCulture),
                1 => $"{whole}.{rng.Next(0, 1000).ToString(new string('0', rng.Next(1, 4)), CultureInfo.InvariantCulture)}",
                _ => $"{rng.Next(0, 100)}.{rng.NextInt64(0, 1_000_000_000_000)}",
            };
            data.Add(rng.Next(2) == 0 ? "-" + text : text);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Gives_the_bits_decimal_TryParse_gives(string text)
    {
        if (!PlainDecimal.TryParse(text, out var fast))
            return;
        Assert.True(decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var slow));
        Assert.Equal(decimal.GetBits(slow), decimal.GetBits(fast));
    }

    [Theory]
    [InlineData("554090.50")]
    [InlineData("-3.25")]
    [InlineData("12")]
    public void Takes_the_plain_numbers_of_WKT(string text) =>
        Assert.True(PlainDecimal.TryParse(text, out _));

    [Theory]
    [InlineData("1e3")]
    [InlineData("-0.0")]
    [InlineData("5.")]
    [InlineData(".5")]
    [InlineData("1234567890123456789")]
    public void Leaves_the_rest_to_decimal_TryParse(string text) =>
        Assert.False(PlainDecimal.TryParse(text, out _));

    [Fact]
    public void PolygonArea_gives_the_bits_of_a_list_based_shoelace()
    {
        var rng = new Random(11);
        for (var n = 0; n < 500; n++)
        {
            var points = Enumerable.Range(0, rng.Next(3, 9))
                .Select(_ => (X: Math.Round(550000m + (decimal)rng.NextDouble() * 100, rng.Next(0, 4)), Y: Math.Round(1818000m + (decimal)rng.NextDouble() * 100, rng.Next(0, 4))))
                .ToList();
            points.Add(points[0]);
            var wkt = "POLYGON ((" + string.Join(", ", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X} {p.Y}"))) + "))";
            Assert.Equal(decimal.GetBits(Math.Abs(ListShoelace(points))), decimal.GetBits(Areas.PolygonArea(wkt)!.Value));
        }
    }

    /// <summary>
    /// Rings whose coordinates all carry the same number of decimals, as cadastral maps write them:
    /// the result is the decimal arithmetic's, digits and scale, including trailing zeros.
    /// </summary>
    [Fact]
    public void PolygonArea_of_rings_with_equal_decimals_gives_the_bits_of_decimal_arithmetic()
    {
        var rng = new Random(12);
        for (var n = 0; n < 2_000; n++)
        {
            var decimals = rng.Next(0, 5);
            var origin = rng.Next(2) == 0 ? (X: 550000m, Y: 1818000m) : (X: -20m, Y: -35m);
            var points = Enumerable.Range(0, rng.Next(3, 12))
                .Select(_ => (X: Math.Round(origin.X + (decimal)rng.NextDouble() * 100, decimals), Y: Math.Round(origin.Y + (decimal)rng.NextDouble() * 100, decimals)))
                .ToList();
            points.Add(points[0]);
            var format = decimals == 0 ? "0" : "0." + new string('0', decimals); // every coordinate with the same decimals, zeros kept
            var wkt = "POLYGON ((" + string.Join(", ", points.Select(p => $"{p.X.ToString(format, CultureInfo.InvariantCulture)} {p.Y.ToString(format, CultureInfo.InvariantCulture)}")) + "))";
            var parsed = points.Select(p => (X: decimal.Parse(p.X.ToString(format, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                Y: decimal.Parse(p.Y.ToString(format, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))).ToList();
            Assert.Equal(decimal.GetBits(Math.Abs(ListShoelace(parsed))), decimal.GetBits(Areas.PolygonArea(wkt)!.Value));
        }
    }

    [Theory]
    [InlineData("POLYGON ((0.50 0.50, 10.50 0.50, 10.50 10.50, 0.50 10.50, 0.50 0.50))", "100.0000")]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2.5 2.5, 4.5 2.5, 4.5 4.5, 2.5 4.5, 2.5 2.5))", "96.00")]
    [InlineData("POLYGON ((0 0, 4 0, 0 3, 0 0))", "6")]
    [InlineData("POLYGON ((0.0 0.0, 1.0 0.0, 2.0 0.0, 0.0 0.0))", "0.00")]
    [InlineData("POLYGON ((0.000000000000000 0.000000000000000, 0.000000000000002 0.000000000000000, 0.000000000000000 0.000000000000001, 0.000000000000000 0.000000000000000))", "0.0000000000000000000000000000")] // 30 decimals: decimal rounds to 28
    public void PolygonArea_keeps_the_scale_decimal_arithmetic_gives(string wkt, string expected) =>
        Assert.Equal(expected, Areas.PolygonArea(wkt)!.Value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The formula as the reader computed it before it streamed the points.</summary>
    static decimal ListShoelace(List<(decimal X, decimal Y)> points)
    {
        var (x0, y0) = points[0];
        var sum = 0m;
        for (var i = 1; i < points.Count - 2; i++)
            sum += (points[i].X - x0) * (points[i + 1].Y - y0) - (points[i + 1].X - x0) * (points[i].Y - y0);
        return sum / 2;
    }
}
