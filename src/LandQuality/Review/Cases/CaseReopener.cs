using System.Data;
using LandQuality.Audit;
using LandQuality.Data;
using LandQuality.Reference;
using LandQuality.Review.Definitions;
using LandQuality.Review.Queue;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Cases;

/// <summary>The reopened case: back at its workflow's first stage, open, one round further, with a new task.</summary>
public sealed record CaseReopened(long CaseId, string ParcelId, string Stage, int Round, string Status, long TaskId, string Reason);

/// <summary>
/// <c>lq cases reopen</c>: a supervisor brings a parked case (disputed, needs rebuilding) back to
/// work — the dispute is settled, the record was rebuilt. The case returns to the initial stage of
/// the workflow version it is pinned to, with a new task, round + 1, and a <c>case_reopened</c>
/// entry in the parcel's audit chain, all in one transaction. Who may: a supervisor role to which a
/// stage of that workflow escalates (<c>escalateToRole</c>), in that stage's jurisdiction for the
/// case (its commune, or its province).
/// </summary>
public sealed class CaseReopener(Database database)
{
    public async Task<CaseReopened> ReopenAsync(long caseId, string userName, string reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new ReviewException("Reopening a case needs a reason (--reason).");
        await using var conn = await database.Batch.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        Reviewer? reviewer = null;
        ReviewCase? @case = null;
        long? newer = null;
        int priority;
        await using (var read = new NpgsqlBatch(conn, tx))
        {
            read.BatchCommands.Add(Of("SELECT role, jurisdiction FROM reviewers WHERE user_name = $1", Value(userName)));
            read.BatchCommands.Add(Of($"SELECT {CaseRow.Columns.Sql} FROM review_cases c WHERE c.id = $1 FOR UPDATE", Value(caseId)));
            // After the lock: a later case of the parcel (opened when its data changed) supersedes this one.
            read.BatchCommands.Add(Of("""
                SELECT (SELECT max(x.id) FROM review_cases x WHERE x.parcel_id = c.parcel_id AND x.id > c.id) AS later_case,
                       (SELECT errors FROM parcel_status s WHERE s.parcel_id = c.parcel_id) AS error_count
                FROM review_cases c WHERE c.id = $1
                """, Value(caseId)));
            await using var r = await read.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct))
                reviewer = new Reviewer { UserName = userName, FullName = "", Role = r.GetString("role"), Jurisdiction = r.GetString("jurisdiction") };
            await r.NextResultAsync(ct);
            if (await r.ReadAsync(ct))
                @case = CaseRow.Read(r);
            await r.NextResultAsync(ct);
            priority = 0;
            if (await r.ReadAsync(ct))
                (newer, priority) = (r.GetValueOrNull<long>("later_case"), r.GetValueOrNull<int>("error_count") ?? 0);
        }
        if (reviewer is null)
            throw ReviewRefusals.NotRegistered(userName);
        if (@case is null)
            throw new ReviewNotFoundException($"There is no case {caseId}.");
        var definition = await new WorkflowStore(database).GetAsync(@case.WorkflowId, @case.WorkflowVersion, ct);
        Authorize(reviewer, @case, definition);
        var from = @case.Stage;
        var first = definition.Stage(definition.InitialStage)!;
        @case.Reopen(first.Id);
        if (newer is { } later)
            throw new ReviewException($"Case {caseId} was followed by case {later} of parcel {@case.ParcelId} (its data changed after the parking); work on that one.");

        var now = DateTimeOffset.UtcNow;
        var jurisdiction = first.Jurisdiction == Jurisdiction.Commune ? @case.CommuneCode : ReferenceData.Current.Communes[@case.CommuneCode].ProvinceCode;
        await using var writes = new NpgsqlBatch(conn, tx);
        // The task and the audit entry in one statement: the entry names the task id the insert generates.
        writes.BatchCommands.Add(Of($"""
            WITH task AS (
                INSERT INTO review_tasks (case_id, parcel_id, stage, role, jurisdiction, priority, created_at, due_at, escalate_at, status, revision)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'Open', 0)
                RETURNING id)
            SELECT id AS task_id, audit_append($2, $10, 'case_reopened', {AuditChain.WithOperatingSystemUser("""
                json_build_object('case_id', $1, 'task_id', id, 'from_stage', $11, 'stage', $3, 'round', $12, 'reason', $13,
                    'role', $4, 'jurisdiction', $5, 'due_at', $8, 'workflow', $14, 'workflow_version', $15)
                """)})
            FROM task
            """,
            Value(@case.Id), Value(@case.ParcelId), Value(first.Id), Value(first.Role!), Value(jurisdiction), Value(priority), Value(now),
            Value(first.DueAt(now)), Value(first.EscalateAt(now)), Value(userName), Value(from), Value(@case.Round), Value(reason.Trim()),
            Value(definition.Id), Value(definition.Version)));
        writes.BatchCommands.Add(Of("""
            UPDATE review_cases SET stage = $2, status = $3, round = $4, police_confirmed = $5, closed_at = $6 WHERE id = $1
            """, Value(@case.Id), Value(@case.Stage), Value(@case.Status.ToString()), Value(@case.Round), Value(@case.PoliceConfirmed), Value(@case.ClosedAt)));
        long taskId;
        try
        {
            await using var r = await writes.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            taskId = r.GetInt64("task_id");
            while (await r.NextResultAsync(ct)) { } // the update's error, if any, surfaces here
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ReviewConflictException($"Parcel {@case.ParcelId} already has an open case; case {caseId} stays parked.");
        }
        await tx.CommitAsync(ct);
        return new CaseReopened(@case.Id, @case.ParcelId, @case.Stage, @case.Round, "open", taskId, reason.Trim());
    }

    /// <summary>A supervisor of the workflow (a stage escalates to their role) in that stage's jurisdiction for this case.</summary>
    static void Authorize(Reviewer reviewer, ReviewCase @case, WorkflowDefinition definition)
    {
        var province = ReferenceData.Current.Communes[@case.CommuneCode].ProvinceCode;
        var supervises = Roles.IsSupervisorRole(reviewer.Role) && definition.Stages.Any(s => s.EscalateToRole == reviewer.Role
            && reviewer.Jurisdiction == (s.Jurisdiction == Jurisdiction.Commune ? @case.CommuneCode : province));
        if (!supervises)
            throw new ReviewForbiddenException(
                $"{reviewer.UserName} ({reviewer.Role} in {reviewer.Jurisdiction}) may not reopen case {@case.Id}: only a supervisor of workflow {definition.Id} in the case's commune {@case.CommuneCode} or province {province} may.");
    }
}
