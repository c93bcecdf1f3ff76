namespace LandQuality.Generation;

/// <summary>
/// Where parcels lie: how many in each commune (phường denser than xã, each commune a little
/// different) and their cadastral keys, map sheet and parcel number, unique within the commune.
/// </summary>
internal static class ParcelLayout
{
    const int SheetsBeforeGrowing = 80;

    /// <summary>Parcels per commune, summing exactly to <paramref name="parcels"/> (largest remainders get the rest).</summary>
    public static int[] CommuneCounts(ref SplitMix64 rng, int parcels, IReadOnlyList<GeneratedCommune> communes)
    {
        var weights = new double[communes.Count];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++)
            total += weights[i] = (communes[i].IsWard ? 1.25 : 0.85) * rng.Between(0.6, 1.4);

        var counts = new int[weights.Length];
        var remainders = new double[weights.Length];
        var assigned = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = parcels * weights[i] / total;
            counts[i] = (int)exact;
            remainders[i] = exact - counts[i];
            assigned += counts[i];
        }
        for (; assigned < parcels; assigned++)
        {
            var best = 0;
            for (var i = 1; i < remainders.Length; i++)
                if (remainders[i] > remainders[best])
                    best = i;
            counts[best]++;
            remainders[best] = -1;
        }
        return counts;
    }

    /// <summary>
    /// Picks <c>sheets.Length</c> distinct (sheet, number) keys in ascending order by selection
    /// sampling (Knuth's algorithm S) over sheets of 300–600 numbers each: parcels look spread over
    /// the map with the gaps real registers have, and no key repeats.
    /// </summary>
    public static void AssignKeys(ref SplitMix64 rng, Span<short> sheets, Span<short> numbers)
    {
        var needed = sheets.Length;
        if (needed == 0)
            return;
        var sheetCount = Math.Clamp((needed + 299) / 300, 1, SheetsBeforeGrowing);
        var sizes = new List<int>();
        long candidates = 0;
        while (sizes.Count < sheetCount || candidates < needed * 1.15)
        {
            sizes.Add(rng.Between(300, 600));
            candidates += sizes[^1];
        }

        var chosen = 0;
        for (var sheet = 0; sheet < sizes.Count && chosen < needed; sheet++)
        {
            for (var number = 1; number <= sizes[sheet] && chosen < needed; number++)
            {
                if (rng.Next((int)candidates) < needed - chosen)
                {
                    sheets[chosen] = (short)(sheet + 1);
                    numbers[chosen] = (short)number;
                    chosen++;
                }
                candidates--;
            }
        }
    }
}
