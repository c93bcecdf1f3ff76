namespace LandQuality.Generation;

/// <summary>
/// Certificate serials and issue years, decided in the plan so that no serial repeats: one letter
/// series per issue year (AA for 1994 … DH for 2025) and, within a series, the n-th certificate's
/// six digits from a bijection of n, so they look scattered but are unique. Years follow the issuing
/// campaigns: the first red books of 1994–2004, the unified certificate from 2009, a steady trickle since.
/// </summary>
internal sealed class CertificateSerials
{
    public const int FirstYear = 1994;
    public const int LastYear = 2025;
    const int PerSeries = 1_000_000;
    const long DigitMultiplier = 738_383; // coprime with 1 000 000, so n ↦ n·m + b (mod 10⁶) is a bijection

    static readonly int[] YearCumulative = SplitMix64.Cumulative(BuildYearWeights());

    readonly int[] _issued = new int[LastYear - FirstYear + 1];
    readonly long[] _offset = new long[LastYear - FirstYear + 1];

    public CertificateSerials(long seed)
    {
        for (var series = 0; series < _offset.Length; series++)
            _offset[series] = (long)(SplitMix64.Mix((ulong)seed * 31 + (ulong)series) % PerSeries);
    }

    /// <summary>The next certificate: series × 10⁶ + digits.</summary>
    public int Next(ref SplitMix64 rng)
    {
        var series = rng.Pick(YearCumulative);
        var n = _issued[series]++;
        if (n >= PerSeries)
            throw new InvalidOperationException("More certificates in one year than a series can number.");
        return series * PerSeries + (int)((n * DigitMultiplier + _offset[series]) % PerSeries);
    }

    public static int IssueYear(int serial) => FirstYear + serial / PerSeries;

    /// <summary>Writes "AB 123456".</summary>
    public static void Write(CsvFieldWriter w, int serial)
    {
        var series = serial / PerSeries;
        w.Raw((char)('A' + series / 8));
        w.Raw((char)('A' + series % 8));
        w.Raw(' ');
        w.Digits(serial % PerSeries, 6);
    }

    static int[] BuildYearWeights()
    {
        var weights = new int[LastYear - FirstYear + 1];
        for (var year = FirstYear; year <= LastYear; year++)
            weights[year - FirstYear] = year switch
            {
                < 2000 => 40,
                < 2005 => 50,
                < 2009 => 30,
                < 2016 => 40,
                _ => 25,
            };
        return weights;
    }
}
