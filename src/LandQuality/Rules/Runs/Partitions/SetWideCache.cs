using LandQuality.Data;
using LandQuality.Rules.Facts;

namespace LandQuality.Rules.Runs.Partitions;

/// <summary>
/// The set-wide facts of a background run, loaded once per worker process and run, not per partition: they are the
/// whole set's (duplicates across communes, the registry), so every partition needs all of them, and loading them
/// costs more than evaluating a commune. Only the latest few runs are kept, to bound a long-lived worker's memory.
/// </summary>
static class SetWideCache
{
    const int Keep = 2;
    static readonly Lock Gate = new();
    static readonly List<(string Key, Task<SetWideFacts> Facts)> Entries = [];

    public static Task<SetWideFacts> GetAsync(Database database, EvaluationRun run, CancellationToken ct)
    {
        // By database too: one process (the tests, a benchmark) may work on several databases whose run ids coincide.
        var key = $"{database.ConnectionString}#{run.Id}";
        var commune = run.Scope.StartsWith("commune:", StringComparison.Ordinal) ? run.Scope["commune:".Length..] : null;
        lock (Gate)
        {
            var found = Entries.FindIndex(e => e.Key == key && !e.Facts.IsFaulted && !e.Facts.IsCanceled);
            if (found >= 0)
                return Entries[found].Facts.WaitAsync(ct);
            // Not the caller's token: a partition stopped half-way must not spoil the load the next partition awaits.
            var load = SetWideFacts.LoadAsync(database.Batch, commune, CancellationToken.None);
            Entries.RemoveAll(e => e.Key == key);
            Entries.Add((key, load));
            if (Entries.Count > Keep)
                Entries.RemoveAt(0);
            return load.WaitAsync(ct);
        }
    }

    /// <summary>The run is finished: its facts are not needed here any more.</summary>
    public static void Forget(Database database, long runId)
    {
        lock (Gate)
            Entries.RemoveAll(e => e.Key == $"{database.ConnectionString}#{runId}");
    }
}
