using System.Text;
using LandQuality.Imports;

namespace LandQuality.Tests.Imports;

/// <summary>The byte-level line splitter must cut a file exactly where the full reader's <see cref="StreamReader.ReadLine"/> does.</summary>
public sealed class Utf8LineSourceTests
{
    static List<string> ByStreamReader(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
            lines.Add(line);
        return lines;
    }

    static List<(long Number, string Text)> BySource(byte[] bytes)
    {
        var source = new Utf8LineSource(new MemoryStream(bytes));
        var lines = new List<(long, string)>();
        while (source.NextLine() is { } line)
            lines.Add(line);
        return lines;
    }

    public static TheoryData<string> Inputs => new()
    {
        "a,1\nb,2\n",
        "a,1\r\nb,2\r\n",
        "a,1\rb,2\r",
        "a,1\n\nb,2",
        "\r\n\r\n",
        "",
        "no newline at the end",
        "\uFEFFid,name\n1,Nguyễn\n",
        "x,\"Thôn 1,\nXã 2\"\r\ny\n",
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Lines_are_those_StreamReader_reads_numbered_from_one(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);

        var lines = BySource(bytes);

        Assert.Equal(ByStreamReader(bytes), lines.Select(l => l.Text));
        Assert.Equal(Enumerable.Range(1, lines.Count).Select(i => (long)i), lines.Select(l => l.Number));
    }

    [Fact]
    public void Invalid_UTF_8_decodes_as_the_full_reader_decodes_it()
    {
        byte[] bytes = [.. "ok,1\nbad,"u8, 0xC3, 0x28, 0xFF, .. "\nend,\xE1\n"u8, 0xE1, 0x80];

        Assert.Equal(ByStreamReader(bytes), BySource(bytes).Select(l => l.Text));
    }

    [Fact]
    public void A_line_longer_than_the_buffer_and_a_CRLF_split_between_reads_are_whole()
    {
        var longLine = new string('x', 3 << 20);
        // A stream that returns under 4 KiB at a time puts "\r" and "\n" into different reads.
        var bytes = Encoding.UTF8.GetBytes($"a\r\nb\r\n{longLine}\r\nc");

        var lines = new List<string>();
        var source = new Utf8LineSource(new TrickleStream(bytes, 4093));
        while (source.NextLine() is { } line)
            lines.Add(line.Text);

        Assert.Equal(["a", "b", longLine, "c"], lines);
    }

    [Fact]
    public void Lines_handed_back_come_first_as_text_and_peeking_does_not_consume()
    {
        var source = new Utf8LineSource(new MemoryStream("one\ntwo\nthree\n"u8.ToArray()));
        Assert.True(source.TryPeek(out var first));
        Assert.Equal("one", Encoding.UTF8.GetString(first));
        Assert.True(source.TryPeek(out first));
        var number = source.Take();
        source.Unread(number, "one"u8);

        Assert.True(source.HasUnread);
        Assert.Equal((1L, "one"), source.NextLine());
        Assert.Equal((2L, "two"), source.NextLine());
        Assert.Equal(3, source.NextNumber);
    }

    [Fact]
    public void A_file_with_a_UTF_16_byte_order_mark_is_not_read_as_bytes()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "id\n1\n", new UnicodeEncoding(bigEndian: false, byteOrderMark: true));
            Assert.False(Utf8LineSource.IsUtf8(path));
            File.WriteAllText(path, "id\n1\n", new UTF8Encoding(true));
            Assert.True(Utf8LineSource.IsUtf8(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    sealed class TrickleStream(byte[] bytes, int step) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, step));
    }
}
