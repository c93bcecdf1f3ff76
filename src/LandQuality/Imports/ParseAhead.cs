using System.Threading.Channels;
using LandQuality.Interchange;

namespace LandQuality.Imports;

/// <summary>
/// One record as read, checked and parsed on the reading thread: its row and key, or why it was refused; for a
/// parcel of a first import, its state (<see cref="FirstLoadStates.StateOf(ParcelRow)"/>; for an owner, its part of that state).
/// </summary>
sealed record ParsedRecord(CsvRecord? Record, RowError? Error, object? Row, string? Key, string? State = null);

/// <summary>
/// Reads, checks and parses a file's records on a thread of its own, in file order, while the staging loop hashes
/// and COPies the rows already parsed: a first import's parsing used one core while the other mostly waited. At most
/// <see cref="Capacity"/> batches are ahead, so memory stays bounded whatever the file's size. Only where no record
/// is skipped unparsed (no stored row hashes to compare with), so the loop sees every record, in order, as before.
/// </summary>
sealed class ParseAhead : IAsyncDisposable
{
    const int BatchSize = 1024, Capacity = 16;

    readonly Channel<List<ParsedRecord>> _channel =
        Channel.CreateBounded<List<ParsedRecord>>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });
    readonly CancellationTokenSource _stop;
    readonly Task _reader;
    List<ParsedRecord>? _batch;
    int _next;

    public ParseAhead(CsvRecordReader csv, Func<CsvRecord, RowError?, ParsedRecord> parse, CancellationToken ct)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var stop = _stop.Token;
        _reader = Task.Run(async () =>
        {
            try
            {
                var batch = new List<ParsedRecord>(BatchSize);
                while (csv.TryRead(out var record, out var error))
                {
                    batch.Add(parse(record!, error));
                    if (batch.Count < BatchSize)
                        continue;
                    await _channel.Writer.WriteAsync(batch, stop);
                    batch = new List<ParsedRecord>(BatchSize);
                }
                if (batch.Count > 0)
                    await _channel.Writer.WriteAsync(batch, stop);
            }
            finally
            {
                _channel.Writer.TryComplete();
            }
        }, stop);
    }

    /// <summary>The next record in file order, or null at the end; the reading thread's failure is thrown here.</summary>
    public async ValueTask<ParsedRecord?> NextAsync(CancellationToken ct)
    {
        while (_batch is null || _next == _batch.Count)
        {
            if (!await _channel.Reader.WaitToReadAsync(ct))
            {
                await _reader;
                return null;
            }
            if (_channel.Reader.TryRead(out _batch))
                _next = 0;
        }
        return _batch[_next++];
    }

    public async ValueTask DisposeAsync()
    {
        // The loop may stop early (a failed COPY): the reading thread must not wait for room forever.
        // Its failure, if any, was thrown by NextAsync, or matters less than the loop's own.
        await _stop.CancelAsync();
        await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
