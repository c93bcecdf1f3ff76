using System.Buffers;
using System.Text;

namespace LandQuality.Generation;

/// <summary>
/// Appends CSV text to a growable char buffer: RFC 4180 quoting, invariant numbers and ISO dates
/// formatted by hand (no culture lookups, no intermediate strings in the hot loop), then encodes
/// the lot to UTF-8 once per chunk.
/// </summary>
internal sealed class CsvFieldWriter(int initialCapacity = 1 << 16)
{
    static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(",\"\r\n");
    static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    char[] _buffer = new char[initialCapacity];
    int _length;
    byte[] _bytes = [];

    public int Length => _length;
    public ReadOnlySpan<char> Written => _buffer.AsSpan(0, _length);
    public void Clear() => _length = 0;

    public void Raw(char c)
    {
        if (_length == _buffer.Length)
            Grow(1);
        _buffer[_length++] = c;
    }

    public void Raw(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length)
            Grow(text.Length);
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    public void Comma() => Raw(',');
    public void EndRow() => Raw('\n');

    /// <summary>A text field, quoted when it holds a comma, quote, CR or LF (inner quotes doubled); an empty span is a missing value.</summary>
    public void Field(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny(NeedsQuoting) < 0)
        {
            Raw(text);
            return;
        }
        Raw('"');
        foreach (var c in text)
        {
            if (c == '"')
                Raw('"');
            Raw(c);
        }
        Raw('"');
    }

    public void Header(IReadOnlyList<string> columns)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0)
                Comma();
            Field(columns[i]);
        }
        EndRow();
    }

    public void Integer(long value)
    {
        if (value < 0)
        {
            Raw('-');
            value = -value;
        }
        var digits = 1;
        for (var v = value; v >= 10; v /= 10)
            digits++;
        Digits(value, digits);
    }

    /// <summary>Exactly <paramref name="width"/> digits, zero-padded (ID numbers, parcel sequence numbers).</summary>
    public void Digits(long value, int width)
    {
        if (_length + width > _buffer.Length)
            Grow(width);
        for (var i = _length + width - 1; i >= _length; i--)
        {
            _buffer[i] = (char)('0' + value % 10);
            value /= 10;
        }
        _length += width;
    }

    /// <summary>A non-negative amount held in tenths, with one decimal only when it has one: 1234 → "123.4", 1230 → "123".</summary>
    public void Tenths(long tenths)
    {
        Integer(tenths / 10);
        if (tenths % 10 != 0)
        {
            Raw('.');
            Raw((char)('0' + Math.Abs(tenths % 10)));
        }
    }

    /// <summary>A non-negative coordinate held in hundredths, always with two decimals: 56012345 → "560123.45".</summary>
    public void Hundredths(long hundredths)
    {
        Integer(hundredths / 100);
        Raw('.');
        Digits(Math.Abs(hundredths % 100), 2);
    }

    /// <summary>YYYY-MM-DD.</summary>
    public void Date(DateOnly date)
    {
        Digits(date.Year, 4);
        Raw('-');
        Digits(date.Month, 2);
        Raw('-');
        Digits(date.Day, 2);
    }

    /// <summary>The text so far as UTF-8 without BOM; the returned span is valid until the next call.</summary>
    public ReadOnlySpan<byte> EncodeUtf8()
    {
        var needed = Utf8.GetMaxByteCount(_length);
        if (_bytes.Length < needed)
            _bytes = new byte[needed];
        var count = Utf8.GetBytes(_buffer, 0, _length, _bytes, 0);
        return _bytes.AsSpan(0, count);
    }

    void Grow(int extra) => Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
}
