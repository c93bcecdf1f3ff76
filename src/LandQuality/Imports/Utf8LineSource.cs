using System.Text;

namespace LandQuality.Imports;

/// <summary>
/// The physical lines of a UTF-8 file as bytes, split exactly where <see cref="StreamReader.ReadLine"/> splits
/// them (at "\n", "\r\n" or a lone "\r"; a UTF-8 byte order mark at the start dropped), numbered from 1. A
/// re-import looks at most lines only as bytes — a hash and a key lookup (<see cref="FileStager"/>) — and
/// decodes to text only the lines that go to the CSV reader; lines handed back with <see cref="Unread"/> come
/// out first, as text. Memory is one buffer of at least <see cref="ChunkSize"/>, grown only for a longer line.
/// </summary>
sealed class Utf8LineSource(Stream stream)
{
    const int ChunkSize = 1 << 20;

    static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    byte[] _buffer = new byte[ChunkSize];
    int _start, _end;
    bool _eof, _started;
    long _lastNumber;
    // The line found by TryPeek and not yet taken: its length and the length of its terminator.
    int _lineLength = -1, _terminatorLength;
    // How far past _start the search for the next terminator has already looked: a line longer than one read is scanned once.
    int _searched;
    readonly Queue<(long Number, string Text)> _unread = new();

    /// <summary>
    /// Whether the file can be read as UTF-8 bytes: not when it starts with a UTF-16 or UTF-32 byte order mark,
    /// which makes <see cref="StreamReader"/> decode it as that encoding (the full reader does the same).
    /// </summary>
    public static bool IsUtf8(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var file = File.OpenRead(path);
        var n = file.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        head = head[..n];
        return !(head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
            || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]));
    }

    /// <summary>Whether lines were handed back and are waiting, as text.</summary>
    public bool HasUnread => _unread.Count > 0;

    /// <summary>The number the next line from the file (not an unread one) has.</summary>
    public long NextNumber => _lastNumber + 1;

    /// <summary>The next line of the file, without its terminator, left in place; false at the end. Unread lines are not seen here.</summary>
    public bool TryPeek(out ReadOnlySpan<byte> line)
    {
        if (_lineLength < 0 && !FindLine())
        {
            line = default;
            return false;
        }
        line = _buffer.AsSpan(_start, _lineLength);
        return true;
    }

    /// <summary>Takes the line <see cref="TryPeek"/> returned; returns its number.</summary>
    public long Take()
    {
        if (_lineLength < 0)
            throw new InvalidOperationException("No line was peeked.");
        _start += _lineLength + _terminatorLength;
        _lineLength = -1;
        return ++_lastNumber;
    }

    /// <summary>Hands lines back, in order, in front of the rest: the CSV reader gets them next, as text.</summary>
    public void Unread(long number, ReadOnlySpan<byte> line) => _unread.Enqueue((number, Decode(line)));

    /// <summary>The next line as text (an unread one first), for the CSV reader; null at the end.</summary>
    public (long Number, string Text)? NextLine()
    {
        if (_unread.Count > 0)
            return _unread.Dequeue();
        if (!TryPeek(out var line))
            return null;
        var text = Decode(line);
        return (Take(), text);
    }

    static string Decode(ReadOnlySpan<byte> line) => Utf8.GetString(line);

    /// <summary>Finds the next line in the buffer, reading more of the stream as needed.</summary>
    bool FindLine()
    {
        while (true)
        {
            var data = _buffer.AsSpan(_start, _end - _start);
            if (!_started && (data.Length >= 3 || _eof))
            {
                _started = true;
                if (data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    _start += 3;
                    continue;
                }
            }
            var at = _started ? data[_searched..].IndexOfAny((byte)'\n', (byte)'\r') : -1;
            if (at >= 0)
                at += _searched;
            if (at >= 0 && (data[at] == '\n' || at + 1 < data.Length || _eof))
            {
                _searched = 0;
                _lineLength = at;
                _terminatorLength = data[at] == '\r' && at + 1 < data.Length && data[at + 1] == '\n' ? 2 : 1;
                return true;
            }
            if (_eof)
            {
                if (data.Length == 0)
                    return false;
                (_searched, _lineLength, _terminatorLength) = (0, data.Length, 0);
                return true;
            }
            // A "\r" last in the buffer: whether "\n" follows is in the next read.
            _searched = at >= 0 ? at : _started ? data.Length : 0;
            Fill();
        }
    }

    /// <summary>Moves what is left to the front (growing the buffer when a line fills it) and reads more.</summary>
    void Fill()
    {
        var left = _end - _start;
        if (left == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2);
        else if (_start > 0)
            _buffer.AsSpan(_start, left).CopyTo(_buffer);
        (_start, _end) = (0, left);
        var n = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0)
            _eof = true;
        _end += n;
    }
}
