namespace LandQuality.Rules.Facts;

/// <summary>
/// Orders strings as PostgreSQL's "C" collation does (UTF-8 bytes, i.e. code points). UTF-16 ordinal
/// order agrees except when a surrogate pair meets a character from U+E000 to U+FFFF, so only
/// strings with surrogates are compared rune by rune.
/// </summary>
public static class CodePointOrder
{
    public static int Compare(string a, string b)
    {
        var ordinal = string.CompareOrdinal(a, b);
        if (ordinal == 0 || (!HasSurrogate(a) && !HasSurrogate(b)))
            return ordinal;
        var x = a.EnumerateRunes();
        var y = b.EnumerateRunes();
        while (true)
        {
            var moreX = x.MoveNext();
            var moreY = y.MoveNext();
            if (!moreX || !moreY)
                return moreX.CompareTo(moreY);
            if (x.Current.Value != y.Current.Value)
                return x.Current.Value.CompareTo(y.Current.Value);
        }
    }

    static bool HasSurrogate(string s) => s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;
}
