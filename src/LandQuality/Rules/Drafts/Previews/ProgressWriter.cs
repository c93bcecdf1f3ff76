using LandQuality.Data;

namespace LandQuality.Rules.Drafts.Previews;

/// <summary>
/// A running preview's parcels done, written to its row at most once per interval from a loop of its own: the
/// preview reports after every batch, on its evaluating thread, and must not wait for the database.
/// </summary>
sealed class ProgressWriter : IProgress<long>, IDisposable
{
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;
    long _done, _written;

    public ProgressWriter(Database database, long previewId, TimeSpan interval)
    {
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    var done = Interlocked.Read(ref _done);
                    if (done == _written)
                        continue;
                    await using var cmd = database.DataSource.CreateCommand("UPDATE rule_draft_previews SET parcels_done = $1 WHERE id = $2 AND status = 'Running'");
                    cmd.Parameters.Add(new Npgsql.NpgsqlParameter<long> { TypedValue = done });
                    cmd.Parameters.Add(new Npgsql.NpgsqlParameter<long> { TypedValue = previewId });
                    await cmd.ExecuteNonQueryAsync(_stop.Token);
                    _written = done;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        });
    }

    public void Report(long value) => Interlocked.Exchange(ref _done, value);

    /// <summary>Ends the loop (a write under way is cancelled; the final count is the completion's).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
