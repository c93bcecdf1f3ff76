using System.Globalization;

namespace LandQuality.Rules.Helpers;

/// <summary>
/// Area comparisons for rule expressions. A comparison with a missing side is true: the missing
/// area is a finding of its own rule, and failing here too would report one problem twice.
/// </summary>
public static class Areas
{
    /// <summary>
    /// |a − b| ≤ tolerance × max(|a|, |b|); 0.02 means within 2 %. True when either side is missing.
    /// </summary>
    public static bool WithinTolerance(decimal? a, decimal? b, decimal relativeTolerance) =>
        a is not { } x || b is not { } y
        || Math.Abs(x - y) <= Math.Abs(relativeTolerance) * Math.Max(Math.Abs(x), Math.Abs(y));

    /// <summary>
    /// The purposes' areas add up to the parcel's area within an absolute tolerance in m² (each
    /// purpose area is rounded on its own, so the sum drifts by a fixed amount, not a percentage).
    /// True when either side is missing.
    /// </summary>
    public static bool PurposesAddUp(decimal? parcelArea, decimal? purposeAreaSum, decimal toleranceM2) =>
        parcelArea is not { } area || purposeAreaSum is not { } sum || Math.Abs(area - sum) <= Math.Abs(toleranceM2);

    /// <summary>
    /// The planar area of a WKT POLYGON or MULTIPOLYGON (holes subtracted), in the square of the
    /// coordinates' unit: m² for the projected VN-2000 coordinates cadastral maps use; no reprojection.
    /// Accepts Z/M coordinates (ignored), an EWKT "SRID=…;" prefix and EMPTY (area 0). Anything else
    /// — other geometry types, unclosed rings, rings under four points, holes larger than their
    /// shell, text after the geometry — is malformed and gives null.
    /// </summary>
    public static decimal? PolygonArea(string? wkt)
    {
        if (wkt is null)
            return null;
        try
        {
            return new WktReader(wkt).ReadArea();
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// The geometry's area agrees with the recorded area within a relative tolerance. True when the
    /// recorded area is missing or the geometry is missing or malformed (findings of their own rules).
    /// </summary>
    public static bool GeometryMatches(string? wkt, decimal? recordedArea, decimal relativeTolerance) =>
        WithinTolerance(PolygonArea(wkt), recordedArea, relativeTolerance);

    /// <summary>A recursive-descent reader for the polygon subset of WKT; throws FormatException on bad input.</summary>
    sealed class WktReader(string text)
    {
        int _pos;

        public decimal ReadArea()
        {
            if (Peek() is 's' or 'S' && text.AsSpan(_pos).StartsWith("SRID=", StringComparison.OrdinalIgnoreCase))
            {
                var semicolon = text.IndexOf(';', _pos);
                _pos = semicolon < 0 ? throw new FormatException("SRID without ';'.") : semicolon + 1;
            }
            var type = Word();
            SkipDimension();
            var area = type.Equals("POLYGON", StringComparison.OrdinalIgnoreCase) ? Polygon()
                : type.Equals("MULTIPOLYGON", StringComparison.OrdinalIgnoreCase) ? Polygons()
                : throw new FormatException($"Not a polygon: {type}.");
            if (Peek() is not null)
                throw new FormatException("Text after the geometry.");
            return area;
        }

        decimal Polygon()
        {
            if (Peek() is 'E' or 'e')
                return Word().Equals("EMPTY", StringComparison.OrdinalIgnoreCase) ? 0m : throw new FormatException("Expected EMPTY.");
            Expect('(');
            var area = Math.Abs(Ring());
            while (TryTake(','))
                area -= Math.Abs(Ring());
            Expect(')');
            return area >= 0 ? area : throw new FormatException("Holes larger than the shell.");
        }

        /// <summary>
        /// Signed shoelace area of one closed ring, relative to its first point for precision. The
        /// terms are added as the points arrive, in point order; the last pair is left out because
        /// the closing point is the first one (its term is zero).
        /// </summary>
        decimal Ring()
        {
            Expect('(');
            (decimal X, decimal Y) first = default, previous = default, last = default;
            var count = 0;
            var sum = 0m;
            do
            {
                var x = Number();
                var y = Number();
                SkipOtherOrdinates();
                if (count == 0)
                    first = (x, y);
                // Point k (k ≥ 3) adds the term of points k−2 and k−1.
                if (count >= 3)
                    sum += (previous.X - first.X) * (last.Y - first.Y) - (last.X - first.X) * (previous.Y - first.Y);
                previous = last;
                last = (x, y);
                count++;
            }
            while (TryTake(','));
            Expect(')');
            if (count < 4 || first != last)
                throw new FormatException("A ring needs at least four points and must be closed.");
            return sum / 2;
        }

        void SkipOtherOrdinates()
        {
            while (Peek() is { } c && c != ',' && c != ')')
                Number(); // Z and M values do not change the planar area.
        }

        /// <summary>A MULTIPOLYGON's polygons, or EMPTY.</summary>
        decimal Polygons()
        {
            if (Peek() is 'E' or 'e')
                return Word().Equals("EMPTY", StringComparison.OrdinalIgnoreCase) ? 0m : throw new FormatException("Expected EMPTY.");
            Expect('(');
            var total = Polygon();
            while (TryTake(','))
                total += Polygon();
            Expect(')');
            return total;
        }

        void SkipDimension()
        {
            if (Peek() is 'Z' or 'z' or 'M' or 'm')
            {
                var dimension = Word();
                if (!dimension.Equals("Z", StringComparison.OrdinalIgnoreCase) && !dimension.Equals("M", StringComparison.OrdinalIgnoreCase)
                    && !dimension.Equals("ZM", StringComparison.OrdinalIgnoreCase))
                    throw new FormatException($"Unknown dimension {dimension}.");
            }
        }

        /// <summary>ASCII letters only, so comparing them ignoring case is what upper-casing them would be.</summary>
        ReadOnlySpan<char> Word()
        {
            SkipSpace();
            var start = _pos;
            while (_pos < text.Length && char.IsAsciiLetter(text[_pos]))
                _pos++;
            return text.AsSpan(start, _pos - start);
        }

        decimal Number()
        {
            SkipSpace();
            var start = _pos;
            while (_pos < text.Length && (char.IsAsciiDigit(text[_pos]) || text[_pos] is '-' or '+' or '.' or 'e' or 'E'))
                _pos++;
            var digits = text.AsSpan(start, _pos - start);
            return PlainDecimal.TryParse(digits, out var value)
                || decimal.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
                ? value
                : throw new FormatException($"Not a number at {start}.");
        }

        void Expect(char c)
        {
            if (!TryTake(c))
                throw new FormatException($"Expected '{c}' at {_pos}.");
        }

        bool TryTake(char c)
        {
            if (Peek() != c)
                return false;
            _pos++;
            return true;
        }

        char? Peek()
        {
            SkipSpace();
            return _pos < text.Length ? text[_pos] : null;
        }

        void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
                _pos++;
        }
    }
}
