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
        var registry = Task.Run(() => RegistryMatches.LoadAsync(db, onlyCommune, ct), ct);
        await Task.WhenAll(cross, registry);
        return new SetWideFacts(await cross, await registry);
    }
}
