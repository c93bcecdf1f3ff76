using LandQuality.Audit;
using LandQuality.Data;
using LandQuality.Reference;
using LandQuality.Review.Definitions;
using LandQuality.Review.Queue;
using LandQuality.Review.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace LandQuality.Review.Cases;

/// <summary>
/// What entering a stage means, inside the caller's transaction: a human stage opens its task (and
/// a case sent back to the first stage drops the corrections that were not approved); an automatic
/// stage applies the approved corrections before the platform re-evaluates; a terminal stage closes
/// the case as verified or parked.
/// </summary>
static class CaseProgress
{
    public static async Task EnterAsync(LandQualityDbContext db, ReviewCase @case, WorkflowDefinition definition, Transitioned moved,
        string actor, CancellationToken ct)
    {
        (@case.Stage, @case.Round, @case.PoliceConfirmed) = (moved.To, moved.Round, moved.PoliceConfirmed);
        var stage = moved.Entered;
        var now = DateTimeOffset.UtcNow;
        var pending = await db.Corrections.Where(c => c.CaseId == @case.Id && c.Status == CorrectionStatus.Proposed).ToListAsync(ct);
        if (stage.IsHuman)
        {
            if (stage.Id == definition.InitialStage)
                foreach (var c in pending)
                    (c.Status, c.DecidedAt) = (CorrectionStatus.Rejected, now);
            var priority = await db.ParcelStatuses.Where(s => s.ParcelId == @case.ParcelId).Select(s => s.Errors).SingleOrDefaultAsync(ct);
            var task = new ReviewTask
            {
                CaseId = @case.Id, ParcelId = @case.ParcelId, Stage = stage.Id, Role = stage.Role!,
                Jurisdiction = stage.Jurisdiction == Jurisdiction.Commune ? @case.CommuneCode : ReferenceData.Current.Communes[@case.CommuneCode].ProvinceCode,
                Priority = priority, CreatedAt = now, DueAt = stage.DueAt(now), EscalateAt = stage.EscalateAt(now),
            };
            db.ReviewTasks.Add(task);
            await db.SaveChangesAsync(ct);
            await AuditChain.AppendAsync(db, @case.ParcelId, actor, "task_opened",
                new { case_id = @case.Id, task_id = task.Id, stage = stage.Id, role = task.Role, jurisdiction = task.Jurisdiction, due_at = task.DueAt }, ct);
        }
        else if (stage.IsAutomatic)
            await ApplyAsync(db, @case, pending, actor, now, ct);
        else
        {
            (@case.Status, @case.ClosedAt) = (stage.Outcome == TerminalOutcome.Verified ? CaseStatus.Verified : CaseStatus.Parked, now);
            await AuditChain.AppendAsync(db, @case.ParcelId, actor, "case_closed",
                new { case_id = @case.Id, stage = stage.Id, outcome = @case.Status.ToString().ToLowerInvariant(), round = @case.Round }, ct);
        }
    }

    /// <summary>Writes the approved corrections into the land record, refusing any whose field changed since it was proposed.</summary>
    static async Task ApplyAsync(LandQualityDbContext db, ReviewCase @case, List<Correction> pending, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var tx = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        foreach (var c in pending.OrderBy(c => c.Id))
        {
            var current = await CorrectionFields.ReadAsync(conn, tx, c.ParcelId, c.Field, ct);
            if (current != c.Before)
                throw new ReviewConflictException(
                    $"{c.Field} of parcel {c.ParcelId} changed since the correction was proposed ('{c.Before}' → now '{current}'); return the case to the commune.");
            await CorrectionFields.WriteAsync(conn, tx, c.ParcelId, c.Field, c.After, ct);
            (c.Status, c.DecidedAt) = (CorrectionStatus.Applied, now);
            await AuditChain.AppendAsync(db, @case.ParcelId, actor, "correction_applied",
                new { case_id = @case.Id, correction_id = c.Id, field = c.Field, before = c.Before, after = c.After, proposed_by = c.Actor }, ct);
        }
    }
}
