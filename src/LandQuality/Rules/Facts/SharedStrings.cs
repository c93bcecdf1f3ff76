namespace LandQuality.Rules.Facts;

/// <summary>One string object per distinct value of a low-cardinality column (commune codes, land-use codes), instead of one per row.</summary>
sealed class SharedStrings
{
    readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string Get(string value)
    {
        if (_values.TryGetValue(value, out var shared))
            return shared;
        if (_values.Count < 10_000)
            _values[value] = value;
        return value;
    }
}
