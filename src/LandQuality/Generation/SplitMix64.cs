namespace LandQuality.Generation;

/// <summary>
/// The generator's random numbers. Our own SplitMix64 rather than System.Random, whose algorithm may
/// change between .NET versions: a seed must reproduce the same files on every runtime. Only integer
/// arithmetic and exactly rounded double operations are used, so results are identical on any CPU.
/// </summary>
internal struct SplitMix64(ulong state)
{
    ulong _state = state;

    /// <summary>An independent stream for (seed, stream, index), e.g. one per chunk of parcels.</summary>
    public static SplitMix64 For(long seed, ulong stream, long index) =>
        new(Mix(Mix((ulong)seed ^ (stream * 0x9E3779B97F4A7C15UL)) + (ulong)index));

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, maxExclusive) by multiply-shift; the bias (below 2^-32) does not matter here.</summary>
    public int Next(int maxExclusive) => (int)(((NextULong() >> 32) * (ulong)maxExclusive) >> 32);

    /// <summary>Uniform in [min, max] inclusive.</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public double Between(double min, double max) => min + (max - min) * NextDouble();

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Index into a cumulative weight table (ascending running totals).</summary>
    public int Pick(int[] cumulativeWeights)
    {
        var target = Next(cumulativeWeights[^1]);
        int lo = 0, hi = cumulativeWeights.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (cumulativeWeights[mid] > target)
                hi = mid;
            else
                lo = mid + 1;
        }
        return lo;
    }

    public static int[] Cumulative(IReadOnlyList<int> weights)
    {
        var result = new int[weights.Count];
        var total = 0;
        for (var i = 0; i < result.Length; i++)
            result[i] = total += weights[i];
        return result;
    }
}
