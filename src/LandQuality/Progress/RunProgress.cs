using LandQuality.Data;

namespace LandQuality.Progress;

/// <summary>
/// What the end of an evaluation run that sets verdicts does for the dashboard: its batches appended their changes
/// as they committed, so the summary is already current; fold them into the base (the reads stay short), then
/// take today's snapshot. Milliseconds, not a recount.
/// </summary>
public static class RunProgress
{
    public static async Task RecordAsync(Database database, CancellationToken ct)
    {
        await CommuneProgress.FoldChangesAsync(database, ct);
        await DailySnapshot.TakeAsync(database, VietnamTime.Day(DateTimeOffset.UtcNow), ct);
    }
}
