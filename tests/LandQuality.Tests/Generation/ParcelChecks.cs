using System.Globalization;
using System.Text;

namespace LandQuality.Tests.Generation;

/// <summary>Small, independent readings of generated values for the assertions.</summary>
internal static class ParcelChecks
{
    public static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static decimal Number(string text) => decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    public static (string Code, decimal Area)[] Purposes(string landUse) =>
        landUse.Length == 0 ? [] : [.. landUse.Split(';').Select(p => p.Split(':')).Select(p => (p[0], Number(p[1])))];

    /// <summary>Shoelace area of a WKT POLYGON with one ring.</summary>
    public static double PolygonArea(string wkt)
    {
        Assert.StartsWith("POLYGON ((", wkt, StringComparison.Ordinal);
        Assert.EndsWith("))", wkt, StringComparison.Ordinal);
        var points = wkt["POLYGON ((".Length..^2].Split(", ")
            .Select(p => p.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        Assert.Equal(points[0], points[^1]);
        var twice = 0.0;
        for (var i = 0; i + 1 < points.Length; i++)
            twice += points[i][0] * points[i + 1][1] - points[i + 1][0] * points[i][1];
        return Math.Abs(twice) / 2;
    }

    public static double RelativeDifference(double a, double b) => Math.Abs(a - b) / Math.Max(Math.Abs(a), Math.Abs(b));

    /// <summary>
    /// What a careful comparison treats as the same name: NFC, single spaces, lower case and one tone
    /// placement for open oa/oe/uy syllables (Hoà = Hòa). Written here independently of the generator.
    /// </summary>
    public static string FoldName(string name)
    {
        var text = string.Join(' ', name.Normalize(NormalizationForm.FormC).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToLowerInvariant();
        string[] newStyle = ["oà", "oá", "oả", "oã", "oạ", "oè", "oé", "oẻ", "oẽ", "oẹ", "uỳ", "uý", "uỷ", "uỹ", "uỵ"];
        string[] oldStyle = ["òa", "óa", "ỏa", "õa", "ọa", "òe", "óe", "ỏe", "õe", "ọe", "ùy", "úy", "ủy", "ũy", "ụy"];
        var words = text.Split(' ');
        for (var w = 0; w < words.Length; w++)
            for (var i = 0; i < newStyle.Length; i++)
                if (words[w].EndsWith(newStyle[i], StringComparison.Ordinal))
                    words[w] = words[w][..^2] + oldStyle[i];
        return string.Join(' ', words);
    }
}
