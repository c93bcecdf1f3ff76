using LandQuality.Rules.Runs;
using Npgsql;

namespace LandQuality.Progress;

/// <summary>
/// What a batch of new verdicts changes in the dashboard's per-commune counts, appended to commune_progress_changes
/// in the batch's own transaction: one row per commune the batch touched (a bulk batch of thousands of parcels
/// adds a few rows; a decision's re-evaluation one at most, none when its verdict stands). The verdicts and the
/// previous ones are in memory already (<see cref="VerdictStore"/>), so this costs one short INSERT and no join.
/// </summary>
static class VerdictChanges
{
    /// <summary>A verdict's flags as counted: evaluated, verified, failing correct, sufficient, clean, alive.</summary>
    public static long[] Counts(bool correct, bool sufficient, bool clean, bool alive) =>
        [1, correct && sufficient && clean && alive ? 1 : 0, correct ? 0 : 1, sufficient ? 0 : 1, clean ? 0 : 1, alive ? 0 : 1];

    /// <param name="before">Per parcel, its previous verdict's <see cref="Counts"/>; a parcel absent from it is evaluated for the first time.</param>
    public static NpgsqlBatchCommand? Command(IReadOnlyList<ParcelVerdict> verdicts, Func<string, string> communeOf,
        IReadOnlyDictionary<string, long[]> before)
    {
        var byCommune = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var v in verdicts)
        {
            var now = Counts(v.Correct, v.Sufficient, v.Clean, v.Alive);
            var was = before.GetValueOrDefault(v.ParcelId);
            var commune = communeOf(v.ParcelId);
            if (!byCommune.TryGetValue(commune, out var sum))
                byCommune[commune] = sum = new long[6];
            for (var i = 0; i < 6; i++)
                sum[i] += now[i] - (was?[i] ?? 0);
        }
        var changed = byCommune.Where(kv => kv.Value.Any(n => n != 0)).ToList();
        if (changed.Count == 0)
            return null;
        var command = new NpgsqlBatchCommand("""
            INSERT INTO commune_progress_changes (commune_code, parcels, evaluated, verified, failing_correct, failing_sufficient,
                                                  failing_clean, failing_alive)
            SELECT c, 0, e, v, fc, fs, fl, fa FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[])
                AS u(c, e, v, fc, fs, fl, fa)
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = changed.Select(kv => kv.Key).ToArray() });
        for (var i = 0; i < 6; i++)
        {
            var column = i;
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = changed.Select(kv => kv.Value[column]).ToArray() });
        }
        return command;
    }
}
