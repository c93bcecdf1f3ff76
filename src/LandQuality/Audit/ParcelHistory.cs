using LandQuality.Data;
using LandQuality.Review.Queue;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Audit;

/// <summary>One line of a parcel's cleaning history: when, who, what kind of step, and the step told in words.</summary>
public sealed record HistoryLine(DateTimeOffset At, string Actor, string Kind, string Details, int? Seq = null);

/// <summary>
/// <c>lq audit show PARCEL</c>: the parcel's hash chain told as one story — imported from a file and
/// line, evaluated under a version with its findings, case opened, claimed, corrected (before → after),
/// approved, re-evaluated, verified. Every line is an entry of the chain. Parcels whose chains began
/// before imports and evaluations were chained get, from the tables, the import that wrote them and
/// the runs that stored findings for them — never a run that did not look at the parcel.
/// </summary>
public static class ParcelHistory
{
    /// <param name="maskFor">The reader's role: ID numbers in the lines' text are masked as that role reads them (null: whole, for the CLI).</param>
    /// <param name="words">Names for the stages, decisions, roles and outcomes the entries hold as ids (null: the ids).</param>
    public static async Task<List<HistoryLine>> LoadAsync(Database database, string parcelId, CancellationToken ct, string lang = "vi", string? maskFor = null,
        HistoryWords? words = null)
    {
        await using var db = database.CreateContext();
        var parcel = await db.Parcels.AsNoTracking().SingleOrDefaultAsync(p => p.ParcelId == parcelId, ct)
            ?? throw new InvalidOperationException($"There is no parcel {parcelId}.");
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.ParcelId == parcelId).OrderBy(e => e.Seq).ToListAsync(ct);
        var lines = events.Select(e => new HistoryLine(e.At, e.Actor, e.Kind, HistoryText.Describe(e.Kind, e.Payload, lang, words), e.Seq)).ToList();

        if (!events.Exists(e => e.Kind == "imported"))
        {
            var import = await db.Imports.AsNoTracking().Include(i => i.Files).SingleOrDefaultAsync(i => i.Id == parcel.ImportId, ct);
            if (import is not null)
                lines.Add(new HistoryLine(import.StartedAt, import.ImportedBy, "import",
                    (lang == "en" ? $"import #{import.Id} from {import.Source}: " : $"lần nhập #{import.Id} từ {import.Source}: ")
                    + string.Join(", ", import.Files.Select(f => $"{f.FileName} sha256 {f.Sha256[..12]}…"))));
        }
        if (!events.Exists(e => e.Kind == "evaluated"))
        {
            // Only runs that stored something for this parcel: its current status's run and runs with its findings.
            var status = await db.ParcelStatuses.AsNoTracking().SingleOrDefaultAsync(s => s.ParcelId == parcelId, ct);
            var runIds = await db.Findings.AsNoTracking().Where(f => f.ParcelId == parcelId).Select(f => f.RunId).Distinct().ToListAsync(ct);
            if (status is not null)
                runIds.Add(status.RunId);
            var runs = await db.EvaluationRuns.AsNoTracking().Where(r => runIds.Contains(r.Id))
                .Join(db.RuleSetVersions, r => r.RuleSetVersionId, v => v.Id, (r, v) => new { r.Id, r.StartedAt, r.StartedBy, v.RuleSet, v.Version })
                .ToListAsync(ct);
            var findings = (await db.Findings.AsNoTracking().Where(f => runIds.Contains(f.RunId) && f.ParcelId == parcelId).ToListAsync(ct))
                .ToLookup(f => f.RunId);
            foreach (var r in runs)
            {
                var failed = findings[r.Id].Select(f => f.RuleName).ToList();
                lines.Add(new HistoryLine(r.StartedAt, r.StartedBy, "evaluation", lang == "en"
                    ? $"run #{r.Id} under {r.RuleSet} v{r.Version}: " + (failed.Count == 0 ? "passes every rule" : "fails " + string.Join(", ", failed))
                    : $"lần đánh giá #{r.Id} theo {r.RuleSet} v{r.Version}: " + (failed.Count == 0 ? "đạt mọi quy tắc" : "lỗi " + string.Join(", ", failed))));
            }
        }
        return lines.OrderBy(l => l.At).ThenBy(l => l.Seq ?? 0)
            .Select(l => maskFor is null ? l : l with { Details = Roles.MaskIdNumbersIn(maskFor, l.Details)! }).ToList();
    }
}
