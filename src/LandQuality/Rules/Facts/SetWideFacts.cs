using Npgsql;

namespace LandQuality.Rules.Facts;

/// <summary>
/// What a run prepares before its first parcel: the cross-record facts and the registry in memory.
/// The three reads are independent, so they run at once on their own connections.
/// </summary>
public sealed record SetWideFacts(CrossRecordFacts Cross, RegistryMatches Registry)
{
    public static async Task<SetWideFacts> LoadAsync(NpgsqlDataSource db, string? onlyCommune, CancellationToken ct)
    {
        var cross = CrossRecordFacts.LoadAsync(db, ct);
        var registry = RegistryMatches.LoadAsync(db, onlyCommune, ct);
        await Task.WhenAll(cross, registry);
        return new SetWideFacts(await cross, await registry);
    }
}

/// <summary>One string object per distinct value of a low-cardinality column (commune codes), instead of one per row.</summary>
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
