using LandQuality.Imports;
using LandQuality.Interchange;

namespace LandQuality.Tests.Imports;

/// <summary>Records parsed on the reading thread come to the staging loop all, in file order, and its failure with them.</summary>
public sealed class ParseAheadTests
{
    static ParsedRecord Keep(CsvRecord record, RowError? error) => new(record, error, record.Fields.Count > 0 ? record.Fields[0] : null, null);

    [Fact]
    public async Task Every_record_comes_in_file_order_with_its_line_and_error()
    {
        // More records than the batches it may hold ahead, and a broken one among them.
        var lines = Enumerable.Range(1, 40_000).Select(i => i == 20_000 ? "x\"y,2" : $"r{i},{i}").ToList();
        var csv = new CsvRecordReader(new StringReader(string.Join('\n', lines)));
        await using var ahead = new ParseAhead(csv, Keep, CancellationToken.None);

        var seen = new List<ParsedRecord>();
        while (await ahead.NextAsync(CancellationToken.None) is { } parsed)
            seen.Add(parsed);

        Assert.Equal(Enumerable.Range(1, 40_000).Select(i => (long)i), seen.Select(p => p.Record!.FirstLine));
        Assert.Equal("r39999", seen[^2].Row);
        Assert.NotNull(seen[19_999].Error);
        Assert.Equal(1, seen.Count(p => p.Error is not null));
    }

    [Fact]
    public async Task A_failure_of_the_reading_thread_is_thrown_to_the_loop()
    {
        var csv = new CsvRecordReader(new StringReader("a,1\nb,2\nboom,3\n"));
        await using var ahead = new ParseAhead(csv,
            (record, error) => record.Fields[0] == "boom" ? throw new InvalidOperationException("parser failed") : Keep(record, error),
            CancellationToken.None);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            while (await ahead.NextAsync(CancellationToken.None) is not null)
            {
            }
        });
        Assert.Equal("parser failed", e.Message);
    }

    [Fact]
    public async Task A_loop_that_stops_early_does_not_leave_the_reading_thread_waiting()
    {
        var csv = new CsvRecordReader(new StringReader(string.Join('\n', Enumerable.Range(1, 100_000).Select(i => $"r{i},{i}"))));
        var ahead = new ParseAhead(csv, Keep, CancellationToken.None);
        Assert.NotNull(await ahead.NextAsync(CancellationToken.None));

        await ahead.DisposeAsync(); // returns: the reading thread, blocked on a full queue, was cancelled
    }
}
