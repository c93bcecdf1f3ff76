namespace LandQuality.Rules.Helpers;

/// <summary>
/// Reads the plain numbers WKT coordinates are written in (<c>-554090.50</c>) in one pass over the
/// digits, without <c>decimal.TryParse</c>'s general number parsing, giving the very same decimal: the digits as the integer, the
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
        var negative = s.Length > 0 && s[0] == '-';
        var i = negative ? 1 : 0;
        ulong mantissa = 0;
        int digits = 0, scale = 0;
        var afterPoint = false;
        for (; i < s.Length; i++)
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
        if (digits == 0 || digits > MaxDigits || (afterPoint && scale == 0) || (negative && mantissa == 0))
            return false;
        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)scale);
        return true;
    }
}
