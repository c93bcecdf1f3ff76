using LandQuality.Interchange;

namespace LandQuality.Tests.Interchange;

public sealed class CsvRecordReaderTests
{
    static List<(CsvRecord Record, RowError? Error)> ReadAll(string text)
    {
        var reader = new CsvRecordReader(new StringReader(text));
        var all = new List<(CsvRecord, RowError?)>();
        while (reader.TryRead(out var record, out var error))
            all.Add((record!, error));
        return all;
    }

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks()
    {
        var all = ReadAll("a,\"b, c\",\"say \"\"hi\"\"\",\"two\nlines\",\nnext,1\n");

        Assert.Equal(2, all.Count);
        Assert.Equal(["a", "b, c", "say \"hi\"", "two\nlines", ""], all[0].Record.Fields);
        Assert.Equal((1L, 2L), (all[0].Record.FirstLine, all[0].Record.LastLine));
        Assert.Equal(3, all[1].Record.FirstLine);
        Assert.All(all, r => Assert.Null(r.Error));
    }

    [Fact]
    public void An_unterminated_quote_costs_only_its_own_line()
    {
        var all = ReadAll("ok,1\nbad,\"never closed\nfine,2\n\"quoted\",3\nlast,4\n");

        Assert.Equal(["ok", "bad", "fine", "quoted", "last"], all.Select(r => r.Error is null ? r.Record.Fields[0] : "bad"));
        var error = all[1].Error!;
        Assert.Equal(2, error.Line);
        Assert.Contains("never closed", error.Reason, StringComparison.Ordinal);
        Assert.Equal([1L, 2, 3, 4, 5], all.Select(r => r.Record.FirstLine));
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_or_after_a_closing_quote_is_an_error()
    {
        var all = ReadAll("ab\"c,1\n\"x\"y,2\ngood,3\n");

        Assert.NotNull(all[0].Error);
        Assert.NotNull(all[1].Error);
        Assert.Null(all[2].Error);
        Assert.Equal(["good", "3"], all[2].Record.Fields);
    }

    [Fact]
    public void Crlf_line_ends_and_an_empty_last_field_are_read()
    {
        var all = ReadAll("a,b,\r\nc,d,e\r\n");

        Assert.Equal(["a", "b", ""], all[0].Record.Fields);
        Assert.Equal(["c", "d", "e"], all[1].Record.Fields);
    }
}
