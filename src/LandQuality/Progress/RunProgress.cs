using LandQuality.Data;

namespace LandQuality.Progress;

/// <summary>
/// What the end of an evaluation run that sets verdicts does for the dashboard (also after a run that failed
/// half-way, whose committed batches changed statuses): recount the summary of its scope, then take today's snapshot.
/// </summary>
public static class RunProgress
{
    public static async Task RecordAsync(Database database, string? communeCode, CancellationToken ct)
    {
        await CommuneProgress.RefreshAsync(database, communeCode, ct);
        await DailySnapshot.TakeAsync(database, DashboardQuery.VietnamDay(DateTimeOffset.UtcNow), ct);
    }
}
