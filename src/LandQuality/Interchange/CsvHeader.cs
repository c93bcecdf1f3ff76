namespace LandQuality.Interchange;

/// <summary>
/// The header row of an interchange file: which column holds which field. Columns may come in any
/// order and extra columns are ignored, but every required column must be there — a file without
/// one is refused whole, because no row of it could be read correctly.
/// </summary>
public sealed class CsvHeader
{
    readonly Dictionary<string, int> _index;
    readonly string[] _names;

    CsvHeader(Dictionary<string, int> index, string[] names)
    {
        _index = index;
        _names = names;
        Count = names.Length;
    }

    /// <summary>How many columns every row must have.</summary>
    public int Count { get; }

    public static CsvHeader Parse(IReadOnlyList<string> fields, IReadOnlyList<string> required, string fileName)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var names = new string[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            var name = names[i] = fields[i].Trim().TrimStart('\uFEFF').ToLowerInvariant();
            if (!index.TryAdd(name, i))
                throw new InterchangeFormatException($"{fileName}: line 1: column '{name}' appears twice in the header.");
        }
        var missing = required.Where(r => !index.ContainsKey(r)).ToList();
        if (missing.Count > 0)
            throw new InterchangeFormatException(
                $"{fileName}: line 1: the header lacks required column(s) {string.Join(", ", missing)}; " +
                $"expected {string.Join(",", required)}.");
        return new CsvHeader(index, names);
    }

    public int IndexOf(string column) =>
        _index.TryGetValue(column, out var i) ? i : throw new ArgumentException($"Column {column} is not in the header.", nameof(column));

    /// <summary>The column at a position, as the header names it (lower case); null past the header's end.</summary>
    public string? NameOf(int index) => index < _names.Length ? _names[index] : null;

    /// <summary>The index of an optional column, or -1.</summary>
    public int OptionalIndexOf(string column) => _index.TryGetValue(column, out var i) ? i : -1;
}

/// <summary>A whole file cannot be read (e.g. its header is wrong); the message says which file and why.</summary>
public sealed class InterchangeFormatException(string message) : Exception(message);
