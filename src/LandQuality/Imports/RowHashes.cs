using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Numerics;
using System.Text;

namespace LandQuality.Imports;

/// <summary>
/// What the land tables hold, key by key, as of the imports so far: for each key of a file (a parcel id,
/// an id number; for owners.csv the parcel whose owner rows they are) a 64-bit hash of the text of the
/// row (or, for owners, of the parcel's rows in order) that the database holds. A re-import hashes
/// each row it parses and stages only the rows whose hash differs or whose key is new, so the merge
/// touches only what changed. Keys are kept as 128-bit hashes, sorted, in two parallel arrays: about
/// 24 bytes a key (27 MiB for 1.12M parcels). A row's hash is over its UTF-8 bytes, so that a re-import
/// can compare most rows without decoding them (<see cref="FileStager"/>).
/// </summary>
sealed class RowHashes
{
    /// <summary>Part of every row hash: a change to how rows are read or merged must make every stored hash differ.</summary>
    const string FormatVersion = "lq-import-rows-2";

    readonly UInt128[] _keys;
    readonly ulong[] _hashes;
    readonly long[] _firstLine;
    readonly bool[] _removed;
    readonly List<(UInt128 Key, ulong Hash, long Line)> _added = [];
    readonly HashSet<UInt128> _addedRemoved = [];

    // Where each run of keys sharing their top _bucketBits bits starts: key hashes are uniform, so a lookup reads
    // one or two neighbouring keys instead of the twenty scattered ones of a binary search over a million.
    readonly int[] _bucketStarts;
    readonly int _bucketBits;

    /// <summary>Keys and hashes as <see cref="Serialize"/> stored them: keys sorted, without duplicates.</summary>
    public RowHashes(UInt128[] keys, ulong[] hashes)
    {
        _keys = keys;
        _hashes = hashes;
        _firstLine = new long[keys.Length];
        _removed = new bool[keys.Length];
        // About two keys a bucket: 2 MiB of index for a million keys.
        _bucketBits = Math.Max(1, BitOperations.Log2((uint)Math.Max(keys.Length, 1)) - 1);
        _bucketStarts = new int[(1 << _bucketBits) + 1];
        var bucket = 0;
        for (var i = 0; i < keys.Length; i++)
            for (var b = BucketOf(keys[i]); bucket <= b; bucket++)
                _bucketStarts[bucket] = i;
        for (; bucket < _bucketStarts.Length; bucket++)
            _bucketStarts[bucket] = keys.Length;
    }

    public static RowHashes Empty() => new([], []);

    int BucketOf(UInt128 key) => (int)(key >> (128 - _bucketBits));

    public int Count => _keys.Length;

    /// <summary>Whether this import changed what is stored: a hash, a key added or removed. If not, the stored arrays stay as they are.</summary>
    public bool Changed { get; private set; }

    /// <summary>Whether a key was added or removed: if not, only the hashes are stored again, not the keys (two thirds of the bytes).</summary>
    public bool KeysChanged { get; private set; }

    public static UInt128 KeyOf(string key) => KeyOf(key.AsSpan());

    /// <summary>A key given as UTF-16 text (as the parser returns it): keys hash the same whichever way they were read.</summary>
    public static UInt128 KeyOf(ReadOnlySpan<char> key) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(key));

    /// <summary>The seed of a file's row hashes: the format version and the file's header, so that the same row text under other columns differs.</summary>
    public static ulong SeedOf(IEnumerable<string> headerFields) =>
        XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(FormatVersion + "\n" + string.Join('\u001f', headerFields)));

    /// <summary>The hash of a row's text: of its UTF-8 bytes, as <see cref="HashOf(ReadOnlySpan{byte}, ulong)"/> hashes a line read as bytes.</summary>
    public static ulong HashOf(string rowText, ulong seed)
    {
        var hash = new XxHash3((long)seed);
        AppendText(hash, rowText);
        return hash.GetCurrentHashAsUInt64();
    }

    public static ulong HashOf(ReadOnlySpan<byte> utf8Row, ulong seed) => XxHash3.HashToUInt64(utf8Row, (long)seed);

    /// <summary>Appends the UTF-8 bytes of <paramref name="text"/> (which, decoded from a file, holds no lone surrogate).</summary>
    public static void AppendText(XxHash3 hash, string text)
    {
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        var n = Encoding.UTF8.GetBytes(text, rented);
        hash.Append(rented.AsSpan(0, n));
        ArrayPool<byte>.Shared.Return(rented);
    }

    /// <summary>The key's slot among the stored keys, or -1 when the key is new.</summary>
    public int IndexOf(UInt128 key)
    {
        if (_keys.Length == 0)
            return -1;
        var bucket = BucketOf(key);
        for (int i = _bucketStarts[bucket], end = _bucketStarts[bucket + 1]; i < end; i++)
            if (_keys[i] == key)
                return i;
        return -1;
    }

    public bool Matches(int slot, ulong hash) => !_removed[slot] && _hashes[slot] == hash;

    /// <summary>The line where this import first met the stored key, or 0.</summary>
    public long FirstLine(int slot) => _firstLine[slot];

    /// <summary>Records what the database holds for a stored key once this import is merged, and where the key was met first.</summary>
    public void Set(int slot, ulong hash, long line)
    {
        Changed |= _hashes[slot] != hash || _removed[slot];
        _hashes[slot] = hash;
        _removed[slot] = false;
        if (_firstLine[slot] == 0)
            _firstLine[slot] = line;
    }

    /// <summary>A key not stored before; of a key added twice the first stays (the merge keeps a key's first row).</summary>
    public void Add(UInt128 key, ulong hash, long line)
    {
        _added.Add((key, hash, line));
        Changed = KeysChanged = true;
    }

    /// <summary>The database no longer holds the key's rows (owners the merge deleted), or cannot be trusted to: it is staged next time.</summary>
    public void Remove(UInt128 key)
    {
        if (IndexOf(key) is var slot and >= 0)
        {
            KeysChanged |= !_removed[slot];
            Changed |= !_removed[slot];
            _removed[slot] = true;
        }
        else if (_addedRemoved.Add(key))
            Changed = KeysChanged = true;
    }

    /// <summary>Whether this import met the key: a stored key seen, or one added.</summary>
    public bool Met(UInt128 key) => IndexOf(key) is var slot and >= 0 ? _firstLine[slot] != 0 : AddedKeys().BinarySearch(key) >= 0;

    List<UInt128>? _addedKeys;

    List<UInt128> AddedKeys()
    {
        if (_addedKeys is null || _addedKeys.Count != _added.Count)
        {
            _addedKeys = _added.Select(a => a.Key).ToList();
            _addedKeys.Sort();
        }
        return _addedKeys;
    }

    /// <summary>The hashes in the stored keys' order, when no key was added or removed (<see cref="KeysChanged"/>).</summary>
    public ReadOnlyMemory<byte> SerializeHashes() =>
        KeysChanged ? throw new InvalidOperationException("Keys changed: serialize keys and hashes.") : MemoryMarshal.AsBytes(_hashes.AsSpan()).ToArray();

    /// <summary>The stored keys and the added ones, merged in key order, without the removed ones: what the next import compares with.</summary>
    public (ReadOnlyMemory<byte> Keys, ReadOnlyMemory<byte> Hashes) Serialize()
    {
        // Sorted in place, and merged straight into the byte arrays that are sent (sized for every key, the removed ones
        // then left unsent): no typed arrays copied into byte arrays, which held 48 bytes a key at once at the import's end.
        var added = CollectionsMarshal.AsSpan(_added);
        added.Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Line.CompareTo(b.Line));
        var keyBytes = new byte[(_keys.Length + added.Length) * 16];
        var hashBytes = new byte[(_keys.Length + added.Length) * 8];
        var keys = MemoryMarshal.Cast<byte, UInt128>(keyBytes.AsSpan());
        var hashes = MemoryMarshal.Cast<byte, ulong>(hashBytes.AsSpan());
        int i = 0, j = 0, n = 0;
        while (i < _keys.Length || j < added.Length)
        {
            if (j < added.Length && (j > 0 && added[j].Key == added[j - 1].Key || _addedRemoved.Contains(added[j].Key)))
            {
                j++;
                continue;
            }
            if (j >= added.Length || i < _keys.Length && _keys[i] < added[j].Key)
            {
                if (!_removed[i])
                    (keys[n], hashes[n++]) = (_keys[i], _hashes[i]);
                i++;
            }
            else
            {
                // An added key is never a stored one (Add is only called for keys IndexOf did not find).
                (keys[n], hashes[n++]) = (added[j].Key, added[j].Hash);
                j++;
            }
        }
        return (keyBytes.AsMemory(0, n * 16), hashBytes.AsMemory(0, n * 8));
    }
}
