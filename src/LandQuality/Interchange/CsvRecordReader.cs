using System.Text;

namespace LandQuality.Interchange;

/// <summary>One CSV record: its fields and the physical lines it came from (1-based, inclusive).</summary>
public sealed record CsvRecord(long FirstLine, long LastLine, IReadOnlyList<string> Fields, string RawText);

/// <summary>
/// Streams RFC 4180 records from a UTF-8 text reader and never gives up on the rest of a file.
/// A record whose quoting is broken is reported as an error for its first physical line only, and
/// reading resumes on the next line: an unterminated quote must not swallow the thousands of good
/// rows behind it, which is what a naive parser does.
/// </summary>
public sealed class CsvRecordReader
{
    /// <summary>A quoted field may span lines, but a legitimate one in our files never spans this many.</summary>
    const int MaxLinesPerRecord = 50;

    // The next physical line and its number, or null at the end.
    readonly Func<(long Number, string Text)?> _nextLine;
    // Lines read ahead while looking for a closing quote that turned out not to belong to the record.
    readonly Queue<(long Number, string Text)> _pending = new();
    readonly List<string> _fields = new(16);
    readonly StringBuilder _field = new();

    public CsvRecordReader(TextReader reader)
    {
        long lastLineNumber = 0;
        _nextLine = () => reader.ReadLine() is { } text ? (++lastLineNumber, text) : null;
    }

    /// <summary>A reader of lines that come numbered from elsewhere (the import's byte-level line splitter).</summary>
    public CsvRecordReader(Func<(long Number, string Text)?> nextLine) => _nextLine = nextLine;

    /// <summary>
    /// Whether the next record starts at the next line of the input: false while lines read ahead for a
    /// record that turned out broken wait to be judged on their own.
    /// </summary>
    public bool AtInputLine => _pending.Count == 0;

    /// <summary>
    /// Reads the next record; returns false at the end of input. On a quoting error the result holds
    /// the error instead of a record.
    /// </summary>
    public bool TryRead(out CsvRecord? record, out RowError? error)
    {
        record = null;
        error = null;
        if (NextLine() is not { } first)
            return false;

        var lines = new List<(long Number, string Text)>(1) { first };
        while (true)
        {
            var outcome = Parse(lines);
            if (outcome is null)
            {
                var raw = lines.Count == 1 ? first.Text : string.Join('\n', lines.Select(l => l.Text));
                record = new CsvRecord(first.Number, lines[^1].Number, _fields.ToArray(), raw);
                return true;
            }
            if (outcome == ParseOutcome.OpenQuote && lines.Count < MaxLinesPerRecord && NextLine() is { } more)
            {
                lines.Add(more);
                continue;
            }
            // Give back every line but the first: they are judged on their own.
            for (var i = 1; i < lines.Count; i++)
                _pending.Enqueue(lines[i]);
            // A stray quote found only after joining lines means the first line's quote was never closed.
            error = new RowError(first.Number, null, outcome == ParseOutcome.OpenQuote || lines.Count > 1
                ? "broken quoting: a quoted field is never closed"
                : "broken quoting: a quote inside an unquoted field, or text after a closing quote");
            record = new CsvRecord(first.Number, first.Number, [], first.Text);
            return true;
        }
    }

    enum ParseOutcome { OpenQuote, StrayQuote }

    (long Number, string Text)? NextLine()
    {
        if (_pending.Count > 0)
            return _pending.Dequeue();
        return _nextLine();
    }

    /// <summary>Splits the joined lines into fields; null when the record is complete and well formed.</summary>
    ParseOutcome? Parse(List<(long Number, string Text)> lines)
    {
        _fields.Clear();
        _field.Clear();
        var inQuotes = false;
        var afterClosingQuote = false;
        var fieldStart = true;
        for (var li = 0; li < lines.Count; li++)
        {
            var text = lines[li].Text;
            if (li > 0)
                _field.Append('\n'); // only reached inside quotes: the line break belongs to the field
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (inQuotes)
                {
                    if (c != '"')
                        _field.Append(c);
                    else if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        _field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                        afterClosingQuote = true;
                    }
                }
                else if (c == ',')
                {
                    _fields.Add(_field.ToString());
                    _field.Clear();
                    fieldStart = true;
                    afterClosingQuote = false;
                }
                else if (afterClosingQuote)
                    return ParseOutcome.StrayQuote;
                else if (c == '"')
                {
                    if (!fieldStart)
                        return ParseOutcome.StrayQuote;
                    inQuotes = true;
                    fieldStart = false;
                }
                else
                {
                    _field.Append(c);
                    fieldStart = false;
                }
            }
            if (!inQuotes)
            {
                if (li != lines.Count - 1)
                    throw new InvalidOperationException("unreachable: a record continued past a closed line");
                _fields.Add(_field.ToString());
                return null;
            }
        }
        return ParseOutcome.OpenQuote;
    }
}
