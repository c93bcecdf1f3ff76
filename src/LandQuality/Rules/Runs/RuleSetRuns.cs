using LandQuality.Data;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Rules.Runs;

public sealed record EvaluationRunView(long RunId, int Version, string Status, string StartedBy, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    long ParcelsEvaluated);

/// <summary>A rule set's evaluation runs, newest first: how the re-evaluation after a publish goes, for the API and the version page alike.</summary>
public sealed class RuleSetRuns(Database database)
{
    /// <param name="version">Only the runs of this version; all versions' when null.</param>
    /// <returns>Null when there is no such rule set (no version of it is stored).</returns>
    public async Task<List<EvaluationRunView>?> ListAsync(string ruleSet, int? version, int limit, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var runs = await db.EvaluationRuns.AsNoTracking()
            .Join(db.RuleSetVersions.AsNoTracking().Where(v => v.RuleSet == ruleSet && (version == null || v.Version == version)),
                r => r.RuleSetVersionId, v => v.Id, (r, v) => new { Run = r, v.Version })
            .OrderByDescending(x => x.Run.Id).Take(Math.Clamp(limit, 1, 200)).ToListAsync(ct);
        if (runs.Count == 0 && !await db.RuleSetVersions.AnyAsync(v => v.RuleSet == ruleSet, ct))
            return null;
        return runs.Select(x => new EvaluationRunView(x.Run.Id, x.Version, x.Run.Status.ToString().ToLowerInvariant(), x.Run.StartedBy,
            x.Run.StartedAt, x.Run.FinishedAt, x.Run.ParcelsEvaluated)).ToList();
    }
}
