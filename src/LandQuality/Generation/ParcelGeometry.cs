namespace LandQuality.Generation;

/// <summary>
/// Parcel outlines as WKT polygons in projected VN-2000 metres: a rotated, slightly sheared
/// rectangle (a parallelogram), whose shoelace area equals the requested area up to the rounding of
/// coordinates to centimetres. Only +, −, ×, ÷ and √ are used (exactly rounded in IEEE 754), so the
/// coordinates are identical on every machine; sine and cosine are not.
/// </summary>
internal static class ParcelGeometry
{
    /// <summary>Writes the quoted WKT of a parcel of <paramref name="areaM2"/> square metres near the commune centre.</summary>
    public static void Write(CsvFieldWriter w, ref SplitMix64 rng, GeneratedCommune commune, double areaM2)
    {
        var aspect = rng.Between(1.0, 3.0);
        var width = Math.Sqrt(areaM2 / aspect);
        var depth = areaM2 / width;

        // A random direction from a point in the unit disc (rejecting the centre, where rounding would bias it).
        double dx, dy, norm;
        do
        {
            dx = rng.Between(-1.0, 1.0);
            dy = rng.Between(-1.0, 1.0);
            norm = dx * dx + dy * dy;
        } while (norm is < 0.01 or > 1.0);
        norm = Math.Sqrt(norm);
        dx /= norm;
        dy /= norm;

        // u along the frontage, v across it plus a little shear; |u × v| = width × depth whatever the shear.
        var shear = rng.Between(-0.15, 0.15);
        double ux = dx * width, uy = dy * width;
        double vx = -dy * depth + shear * ux, vy = dx * depth + shear * uy;

        var x0 = commune.CenterX + rng.Between(-2500.0, 2500.0);
        var y0 = commune.CenterY + rng.Between(-2500.0, 2500.0);

        w.Raw("\"POLYGON ((");
        Point(w, x0, y0);
        w.Raw(", ");
        Point(w, x0 + ux, y0 + uy);
        w.Raw(", ");
        Point(w, x0 + ux + vx, y0 + uy + vy);
        w.Raw(", ");
        Point(w, x0 + vx, y0 + vy);
        w.Raw(", ");
        Point(w, x0, y0);
        w.Raw("))\"");
    }

    static void Point(CsvFieldWriter w, double x, double y)
    {
        w.Hundredths((long)Math.Round(x * 100));
        w.Raw(' ');
        w.Hundredths((long)Math.Round(y * 100));
    }
}
