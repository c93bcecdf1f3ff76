using System.IO.Hashing;
using System.Text;
using Npgsql;

namespace LandQuality.Imports;

/// <summary>
/// A re-import's fast path: lines whose bytes are exactly what the database holds for their key are passed over
/// as bytes — the key field cut out of the line without decoding it, a hash of the line, a lookup — without the
/// CSV reader, the checks or the parser. What vouches for a line is its hash matching the stored one: the stored
/// hashes are of rows that were read, checked and parsed to that very key under the same header (part of the
/// seed), from text that was valid UTF-8 and held no line break, and all of that depends on nothing but the text.
/// Anything else — a new or changed row, a corrected parcel, a key met before, a quote before the end of the key
/// field, invalid UTF-8 (whose bytes match no stored hash) — is left for the full reader, so every refusal is
/// made there with its line, column and reason, exactly as before. Called only where a record starts: when the
/// CSV reader holds no line read ahead.
/// </summary>
sealed class UnchangedLines(Utf8LineSource lines, int keyIndex, ulong seed, StagingContext context, List<string> ownerless)
{
    /// <summary>Real keys have at most 40 characters (<see cref="Interchange.FieldParsers.MaxParcelIdLength"/>); a longer field goes the full way.</summary>
    const int MaxKeyBytes = 128;

    readonly XxHash3 _group = new((long)seed);
    readonly List<(long Number, int Start, int Length)> _run = [];
    byte[] _runBytes = new byte[1 << 12];

    /// <summary>Passes over the next line if it is an unchanged row; returns whether it did.</summary>
    public bool SkipRow()
    {
        if (!lines.TryPeek(out var line))
            return false;
        Span<char> chars = stackalloc char[MaxKeyBytes];
        if (!TryKey(line, chars, out var key))
            return false;
        var keyHash = RowHashes.KeyOf(key);
        var known = context.Known;
        if (context.ComparableSlot(keyHash) is not (>= 0 and var slot))
            return false;
        var hash = RowHashes.HashOf(line, seed);
        if (!known.Matches(slot, hash))
            return false;
        known.Set(slot, hash, lines.Take());
        if (FileStager.IsOwnerless(context, keyHash))
            ownerless.Add(new string(key));
        return true;
    }

    /// <summary>
    /// Passes over the next parcel's owner rows if they are exactly the stored ones: the consecutive lines with the
    /// same key field, hashed together as <see cref="FileStager"/> hashes a group. The group the full reader has
    /// open is flushed first, as the first of these rows would have flushed it. Not done (the lines handed back to
    /// the full reader) when the open group has this key, or when the line after the run might parse to it too
    /// (its key field differs only by spaces, or cannot be cut out): the full reader would join them into one group.
    /// Returns the rows passed over and those of the open group staged.
    /// </summary>
    public (long Read, long Staged) SkipGroup(FileStager.OwnerGroup open, NpgsqlBinaryImporter copy, StageWriter stage, HashSet<string> scattered)
    {
        if (!lines.TryPeek(out var line))
            return (0, 0);
        Span<char> chars = stackalloc char[MaxKeyBytes];
        if (!TryKey(line, chars, out var key) || open.Key is { } openKey && key.SequenceEqual(openKey.AsSpan()))
            return (0, 0);
        var keyHash = RowHashes.KeyOf(key);
        var known = context.Known;
        if (context.ComparableSlot(keyHash) is not (>= 0 and var slot))
            return (0, 0);

        _run.Clear();
        _group.Reset();
        var used = 0;
        var vouched = true;
        Span<char> next = stackalloc char[MaxKeyBytes];
        while (true)
        {
            _group.Append(line);
            _group.Append(FileStager.OwnerGroup.Separator);
            if (used + line.Length > _runBytes.Length)
                Array.Resize(ref _runBytes, Math.Max(_runBytes.Length * 2, used + line.Length));
            line.CopyTo(_runBytes.AsSpan(used));
            _run.Add((lines.Take(), used, line.Length));
            used += line.Length;
            if (!lines.TryPeek(out line))
                break;
            if (!TryKey(line, next, out var nextKey))
            {
                vouched = false;
                break;
            }
            if (!nextKey.SequenceEqual(key))
            {
                vouched = !nextKey.Trim().SequenceEqual(key);
                break;
            }
        }
        var hash = _group.GetCurrentHashAsUInt64();
        if (!vouched || !known.Matches(slot, hash))
        {
            foreach (var (number, start, length) in _run)
                lines.Unread(number, _runBytes.AsSpan(start, length));
            return (0, 0);
        }
        var staged = open.Flush(copy, stage, context, scattered);
        known.Set(slot, hash, _run[0].Number);
        return (_run.Count, staged);
    }

    /// <summary>The line's key field, decoded into <paramref name="chars"/>; false when a quote comes before its end or it is too long.</summary>
    bool TryKey(ReadOnlySpan<byte> line, Span<char> chars, out ReadOnlySpan<char> key)
    {
        key = default;
        for (var i = 0; i < keyIndex; i++)
        {
            var comma = line.IndexOfAny((byte)',', (byte)'"');
            if (comma < 0 || line[comma] == '"')
                return false;
            line = line[(comma + 1)..];
        }
        var end = line.IndexOfAny((byte)',', (byte)'"');
        if (end >= 0 && line[end] == '"')
            return false;
        var field = end < 0 ? line : line[..end];
        if (field.Length > MaxKeyBytes)
            return false;
        // Invalid UTF-8 decodes to U+FFFD, which no stored key holds.
        key = chars[..Encoding.UTF8.GetChars(field, chars)];
        return true;
    }
}
