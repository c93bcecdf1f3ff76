using LandQuality.Data;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Loading;

namespace LandQuality.Rules.Versions;

/// <summary>
/// Runs a rule set's content over a sample of the current parcels, nothing stored, and counts per rule
/// the parcels it threw for. The checker proves an expression compiles; only data shows it throws
/// (<c>int.Parse("x") == 0</c> checks clean and throws on every parcel).
/// </summary>
public sealed class RuleErrorSample(Database database)
{
    public const int DefaultSize = 2_000;

    public async Task<RuleErrorCounts> RunAsync(string content, int size, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var rules = CompiledRuleSet.Compile(RuleSetFile.Parse(content));
        var ids = await SampleAsync(size, ct);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (ids.Length == 0)
            return new RuleErrorCounts(0, counts);
        // Cross-record facts (shared keys, names per ID number) are set-wide: a sampled parcel needs the whole set's.
        var setWide = await SetWideFacts.LoadAsync(database.DataSource, null, ct);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        long parcels = 0;
        await foreach (var facts in ParcelFactsReader.ReadParcelsAsync(database.DataSource, setWide, ids, today, ParcelFactsReader.DefaultBatchSize, ct))
        {
            parcels += facts.Count;
            RuleErrorCounts.Add(counts, rules.Evaluate(facts, ct: ct));
        }
        return new RuleErrorCounts(parcels, counts);
    }

    /// <summary>
    /// The same parcels for the same data, spread over every commune: the live parcels whose ids hash
    /// lowest (md5, stable across servers), all of them when there are fewer than <paramref name="size"/>.
    /// One pass over the parcel ids, with a top-N sort in memory.
    /// </summary>
    async Task<string[]> SampleAsync(int size, CancellationToken ct)
    {
        await using var cmd = database.DataSource.CreateCommand(
            "SELECT parcel_id FROM parcels WHERE retired_at IS NULL ORDER BY md5(parcel_id), parcel_id LIMIT $1");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<int> { TypedValue = size });
        var ids = new List<string>(size);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            ids.Add(r.GetString(0));
        return [.. ids];
    }
}
