using LandQuality.Data;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Versions;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Rules.Runs;

/// <summary>
/// What <c>lq evaluate --json</c> prints: parcels evaluated, failing per dimension, failures per rule, time.
/// <see cref="FailuresPerRule"/> counts data findings only; a rule that threw is counted apart in
/// <see cref="RuleErrors"/> (rule → parcels), because it says nothing about the data.
/// </summary>
public sealed record EvaluationSummary(
    long RunId, string RuleSet, int Version, string Scope, long ParcelsEvaluated, long ParcelsVerified,
    IReadOnlyDictionary<string, long> ParcelsFailingPerDimension, IReadOnlyDictionary<string, long> FailuresPerRule,
    IReadOnlyDictionary<string, long> RuleErrors, double ElapsedSeconds)
{
    /// <summary>What a <c>--changed</c> request evaluated: the parcels changed since which run, or why everything.</summary>
    public string? Note { get; init; }

    public static async Task<EvaluationSummary> LoadAsync(Database database, long runId, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var run = await db.EvaluationRuns.AsNoTracking().SingleAsync(r => r.Id == runId, ct);
        var version = await db.RuleSetVersions.AsNoTracking().SingleAsync(v => v.Id == run.RuleSetVersionId, ct);
        // One pass over the run's findings for both counts.
        var counts = await db.Findings.Where(f => f.RunId == runId).GroupBy(f => new { f.RuleName, f.IsRuleError })
            .Select(g => new { g.Key.RuleName, g.Key.IsRuleError, Count = g.LongCount() }).ToListAsync(ct);
        var perRule = counts.Where(c => !c.IsRuleError).ToDictionary(c => c.RuleName, c => c.Count);
        var ruleErrors = counts.Where(c => c.IsRuleError).ToDictionary(c => c.RuleName, c => c.Count);
        var batches = await db.EvaluationRunBatches.AsNoTracking().Where(b => b.RunId == runId).ToListAsync(ct);
        var (perDimension, verified) = batches.TrueForAll(b => b.Verified is not null)
            ? (new Dictionary<string, long>
            {
                [Names.Of(Dimension.Correct)] = batches.Sum(b => b.FailingCorrect ?? 0),
                [Names.Of(Dimension.Sufficient)] = batches.Sum(b => b.FailingSufficient ?? 0),
                [Names.Of(Dimension.Clean)] = batches.Sum(b => b.FailingClean ?? 0),
                [Names.Of(Dimension.Alive)] = batches.Sum(b => b.FailingAlive ?? 0),
            }, batches.Sum(b => b.Verified ?? 0))
            : await CountFromFindingsAsync(db, runId, ct);
        return new EvaluationSummary(runId, version.RuleSet, version.Version, run.Scope, run.ParcelsEvaluated, verified,
            AllDimensions(perDimension), perRule, ruleErrors, run.Seconds ?? 0);
    }

    /// <summary>For runs stored before batches kept their counts: from the run's findings and the statuses it still holds.</summary>
    static async Task<(Dictionary<string, long>, long)> CountFromFindingsAsync(LandQualityDbContext db, long runId, CancellationToken ct)
    {
        var perDimension = await db.Findings.Where(f => f.RunId == runId && f.Severity == "error" && !f.IsRuleError)
            .GroupBy(f => f.Dimension).Select(g => new { g.Key, Count = g.Select(f => f.ParcelId).Distinct().LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var verified = await db.ParcelStatuses.LongCountAsync(s => s.RunId == runId && s.Correct && s.Sufficient && s.Clean && s.Alive, ct);
        return (perDimension, verified);
    }

    public static EvaluationSummary ForParcel(long runId, RuleSetVersion version, string parcelId, IReadOnlyList<Finding> findings, double seconds)
    {
        var verdict = ParcelVerdict.Of([new Facts.ParcelFacts { ParcelId = parcelId, CommuneCode = "" }], findings).Single();
        var perDimension = findings.Where(f => f.Severity == Severity.Error && !f.IsRuleError)
            .GroupBy(f => Names.Of(f.Dimension)).ToDictionary(g => g.Key, _ => 1L);
        var perRule = findings.Where(f => !f.IsRuleError).GroupBy(f => f.RuleName).ToDictionary(g => g.Key, g => g.LongCount());
        var ruleErrors = findings.Where(f => f.IsRuleError).GroupBy(f => f.RuleName).ToDictionary(g => g.Key, g => g.LongCount());
        return new EvaluationSummary(runId, version.RuleSet, version.Version, $"parcel:{parcelId}", 1, verdict.Verified ? 1 : 0,
            AllDimensions(perDimension), perRule, ruleErrors, seconds);
    }

    static Dictionary<string, long> AllDimensions(Dictionary<string, long> counts) =>
        Enum.GetValues<Dimension>().Select(Names.Of).ToDictionary(d => d, d => counts.GetValueOrDefault(d));
}
