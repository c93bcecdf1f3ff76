using System.Globalization;
using System.Reflection;

namespace LandQuality.Generation;

/// <summary>
/// One embedded name list (Generation/Data/*.csv: name,weight,group) with a weighted pick per group.
/// Groups are "M", "F", "*" (both) and "R" (generation names of the Nguyễn Phúc royal family).
/// </summary>
internal sealed class NameTable
{
    public string[] Names { get; }
    /// <summary>Whether the entry has any letter outside ASCII (so it can lose its diacritics).</summary>
    public bool[] HasDiacritics { get; }

    readonly Dictionary<string, (int[] Indexes, int[] Cumulative)> _groups = new(StringComparer.Ordinal);

    NameTable(List<(string Name, int Weight, string Group)> rows)
    {
        Names = new string[rows.Count];
        HasDiacritics = new bool[rows.Count];
        var byGroup = new Dictionary<string, (List<int> Indexes, List<int> Weights)>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var (name, weight, group) = rows[i];
            Names[i] = name;
            HasDiacritics[i] = !System.Text.Ascii.IsValid(name);
            foreach (var g in group == "*" ? ["M", "F"] : new[] { group })
            {
                if (!byGroup.TryGetValue(g, out var list))
                    byGroup[g] = list = ([], []);
                list.Indexes.Add(i);
                list.Weights.Add(weight);
            }
        }
        foreach (var (group, list) in byGroup)
            _groups[group] = (list.Indexes.ToArray(), SplitMix64.Cumulative(list.Weights));
    }

    public int Pick(ref SplitMix64 rng, string group)
    {
        var (indexes, cumulative) = _groups[group];
        return indexes[rng.Pick(cumulative)];
    }

    /// <summary>A different entry of the same group; the lists hold each name once per group, so the text differs too.</summary>
    public int PickOther(ref SplitMix64 rng, string group, int current)
    {
        var (indexes, _) = _groups[group];
        var other = indexes[rng.Next(indexes.Length)];
        return other != current ? other : indexes[(Array.IndexOf(indexes, current) + 1) % indexes.Length];
    }

    public int IndexOf(string name) => Array.IndexOf(Names, name);

    public static NameTable Load(string fileName)
    {
        var rows = new List<(string, int, string)>();
        foreach (var line in EmbeddedData.Lines(fileName).Skip(1))
        {
            var fields = line.Split(',');
            if (fields.Length != 3 || fields[0].Contains('"', StringComparison.Ordinal))
                throw new InvalidOperationException($"Bad line in {fileName}: '{line}'.");
            rows.Add((fields[0], int.Parse(fields[1], CultureInfo.InvariantCulture), fields[2]));
        }
        return new NameTable(rows);
    }
}

/// <summary>Reads the generator's embedded data files (Generation/Data), skipping blank and # comment lines.</summary>
internal static class EmbeddedData
{
    public static List<string> Lines(string fileName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"LandQuality.Generation.{fileName}")
            ?? throw new InvalidOperationException($"Embedded generator file {fileName} is missing from the build.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#'))
                lines.Add(line);
        return lines;
    }
}
