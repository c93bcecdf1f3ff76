using LandQuality.Data;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Audit;

/// <summary>One line of a parcel's cleaning history, whatever its source.</summary>
public sealed record HistoryLine(DateTimeOffset At, string Actor, string Kind, string Details);

/// <summary>
/// <c>lq audit show PARCEL</c>: everything that happened to a parcel, in time order — the import
/// that last wrote it (with the file's fingerprint), every evaluation run that covered it with the
/// rule-set version and the rules it failed, and every entry of its hash-chained review history.
/// </summary>
public static class ParcelHistory
{
    public static async Task<List<HistoryLine>> LoadAsync(Database database, string parcelId, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var parcel = await db.Parcels.AsNoTracking().SingleOrDefaultAsync(p => p.ParcelId == parcelId, ct)
            ?? throw new InvalidOperationException($"There is no parcel {parcelId}.");
        var lines = new List<HistoryLine>();

        var imports = await db.Imports.AsNoTracking().Include(i => i.Files)
            .Where(i => i.Id == parcel.ImportId || db.Owners.Any(o => o.ParcelId == parcelId && o.ImportId == i.Id)).ToListAsync(ct);
        foreach (var i in imports)
            lines.Add(new HistoryLine(i.StartedAt, i.ImportedBy, "import",
                $"import #{i.Id} from {i.Source}: " + string.Join(", ", i.Files.Select(f => $"{f.FileName} sha256 {f.Sha256[..12]}…"))));

        var scopes = new[] { "all", $"commune:{parcel.CommuneCode}", $"parcel:{parcelId}" };
        var runs = await db.EvaluationRuns.AsNoTracking().Where(r => scopes.Contains(r.Scope) && r.Status == Rules.Runs.RunStatus.Completed)
            .Join(db.RuleSetVersions, r => r.RuleSetVersionId, v => v.Id, (r, v) => new { r.Id, r.StartedAt, r.StartedBy, v.RuleSet, v.Version })
            .OrderBy(r => r.Id).ToListAsync(ct);
        // Findings are keyed by run, then parcel: one key probe per run that covered this parcel.
        var runIds = runs.Select(r => r.Id).ToList();
        var findings = (await db.Findings.AsNoTracking().Where(f => runIds.Contains(f.RunId) && f.ParcelId == parcelId).ToListAsync(ct))
            .ToLookup(f => f.RunId);
        foreach (var r in runs)
        {
            var failed = findings[r.Id].Select(f => $"{f.RuleName} ({f.Dimension}, {f.Severity})").ToList();
            lines.Add(new HistoryLine(r.StartedAt, r.StartedBy, "evaluation",
                $"run #{r.Id} under {r.RuleSet} v{r.Version}: " + (failed.Count == 0 ? "passes every rule" : "fails " + string.Join(", ", failed))));
        }

        var events = await db.AuditEvents.AsNoTracking().Where(e => e.ParcelId == parcelId).OrderBy(e => e.Seq).ToListAsync(ct);
        lines.AddRange(events.Select(e => new HistoryLine(e.At, e.Actor, e.Kind, $"#{e.Seq} {e.Payload}")));
        return lines.OrderBy(l => l.At).ToList();
    }
}
