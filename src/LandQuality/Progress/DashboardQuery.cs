using LandQuality.Data;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Progress;

/// <summary>
/// The dashboard's figures in one round trip: parcels, verdicts and open cases per stage from the summary
/// (<see cref="CommuneProgress"/>; counting open cases live read all of review_cases, 150 ms for 100,000 on this
/// machine), cases closed since Monday and overdue tasks live, each the range of a small index (migration
/// CommuneProgress): overdue depends on the clock, so no stored count could stay right.
/// </summary>
public static class DashboardQuery
{
    /// <summary>The review stages in their order along the workflow; other stages follow by name.</summary>
    static readonly string[] StageOrder = ["commune", "department", "police", "reevaluate"];

    public static async Task<DashboardView> LoadAsync(Database database, DashboardScope scope, DateTimeOffset now, CancellationToken ct)
    {
        var codes = scope.CommuneCodes;
        var weekStart = WeekStart(now);
        var progress = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var open = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var closed = new Dictionary<string, long>(StringComparer.Ordinal);
        var overdue = new Dictionary<string, long>(StringComparer.Ordinal);

        await using var conn = await database.DataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn);
        batch.BatchCommands.Add(Of(CommuneProgress.CurrentSql, Value(codes)));
        batch.BatchCommands.Add(Of(CommuneProgress.OpenCasesSql, Value(codes)));
        batch.BatchCommands.Add(Of("""
            SELECT commune_code, count(*) FROM review_cases WHERE closed_at >= $2 AND commune_code = ANY($1) GROUP BY 1
            """, Value(codes), Value(weekStart.ToUniversalTime())));
        batch.BatchCommands.Add(Of("""
            SELECT c.commune_code, count(*) FROM review_tasks t JOIN review_cases c ON c.id = t.case_id
            WHERE t.status IN ('Open', 'Claimed') AND t.due_at < $2 AND c.commune_code = ANY($1) GROUP BY 1
            """, Value(codes), Value(now.ToUniversalTime())));
        await using (var r = await batch.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
                progress[r.GetString(0)] = Enumerable.Range(1, 7).Select(i => r.GetInt64(i)).ToArray();
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var code = r.GetString(0);
                if (!open.TryGetValue(code, out var stages))
                    open[code] = stages = new Dictionary<string, long>(StringComparer.Ordinal);
                stages[r.GetString(1)] = r.GetInt64(2);
            }
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
                closed[r.GetString(0)] = r.GetInt64(1);
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
                overdue[r.GetString(0)] = r.GetInt64(1);
        }

        var communes = scope.Communes.Select(c =>
        {
            var p = progress.GetValueOrDefault(c.Code) ?? new long[7];
            return new DashboardFigures(c.Code, c.Name, p[0], p[1], p[2], p[3], p[4], p[5], p[6],
                open.GetValueOrDefault(c.Code) ?? new Dictionary<string, long>(StringComparer.Ordinal),
                overdue.GetValueOrDefault(c.Code), closed.GetValueOrDefault(c.Code));
        }).ToList();
        var ranking = communes.OrderByDescending(c => c.VerifiedShare).ThenByDescending(c => c.Verified).ThenBy(c => c.Code, StringComparer.Ordinal)
            .Select((c, i) => new RankedCommune(i + 1, c)).ToList();
        var totals = scope.IsProvince ? DashboardFigures.Sum(scope.Code, scope.Name, communes) : communes[0];
        var stagesSeen = totals.OpenCasesByStage.Keys;
        var stageList = StageOrder.Concat(stagesSeen.Except(StageOrder).Order(StringComparer.Ordinal)).ToList();
        return new DashboardView(scope, totals, ranking, stageList, weekStart);
    }

    /// <summary>Monday 00:00 in Vietnam (UTC+7, no daylight saving) of the week holding <paramref name="now"/>.</summary>
    public static DateTimeOffset WeekStart(DateTimeOffset now)
    {
        var local = now.ToOffset(VietnamTime.Offset);
        var monday = local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7));
        return new DateTimeOffset(monday, VietnamTime.Offset);
    }
}
