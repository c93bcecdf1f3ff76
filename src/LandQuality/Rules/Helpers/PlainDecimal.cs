namespace LandQuality.Rules.Helpers;

/// <summary>
/// Reads the plain numbers WKT coordinates are written in (<c>-554090.50</c>) several times faster
/// than <c>decimal.TryParse</c>, giving the very same decimal: the digits as the integer, the
/// digits after the point as the scale, so trailing zeros are kept as they are. Anything else — an
/// exponent, a sign other than a leading minus, a bare point, more than 18 digits, a negative zero —
/// is left to <c>decimal.TryParse</c> (false here).
/// </summary>
static class PlainDecimal
{
    const int MaxDigits = 18; // 10^18 fits a ulong and the decimal's low 64 bits, with no rounding.

    public static bool TryParse(ReadOnlySpan<char> s, out decimal value)
    {
        value = 0;
        if (!TryParse(s, out var negative, out var mantissa, out var scale))
            return false;
        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)scale);
        return true;
    }

    /// <summary>The same number as its sign, its digits as an integer and the count of digits after the point.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out bool negative, out ulong mantissa, out int scale)
    {
        negative = s.Length > 0 && s[0] == '-';
        mantissa = 0;
        scale = 0;
        var digits = 0;
        var afterPoint = false;
        for (var i = negative ? 1 : 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is >= '0' and <= '9')
            {
                mantissa = mantissa * 10 + (uint)(c - '0');
                digits++;
                if (afterPoint)
                    scale++;
            }
            else if (c == '.' && !afterPoint && digits > 0)
            {
                afterPoint = true;
            }
            else
            {
                return false;
            }
        }
        return digits is > 0 and <= MaxDigits && !(afterPoint && scale == 0) && !(negative && mantissa == 0);
    }
}
