using System.IO.Hashing;
using System.Text;
using LandQuality.Imports;

namespace LandQuality.Tests.Imports;

/// <summary>
/// The re-import's byte-level fast path passes over a line only when its bytes are the stored row's; everything
/// else is left to the full reader, untouched (peeked, or handed back as text in order).
/// </summary>
public sealed class UnchangedLinesTests
{
    static readonly ulong Seed = RowHashes.SeedOf(["parcel_id", "address"]);

    static RowHashes Stored(params (string Key, ulong Hash)[] rows)
    {
        var sorted = rows.Select(r => (Key: RowHashes.KeyOf(r.Key), r.Hash)).OrderBy(r => r.Key).ToArray();
        return new RowHashes(sorted.Select(r => r.Key).ToArray(), sorted.Select(r => r.Hash).ToArray());
    }

    static ulong Group(params string[] rows)
    {
        var hash = new XxHash3((long)Seed);
        foreach (var row in rows)
        {
            RowHashes.AppendText(hash, row);
            hash.Append(FileStager.OwnerGroup.Separator);
        }
        return hash.GetCurrentHashAsUInt64();
    }

    static (Utf8LineSource Lines, UnchangedLines Fast, List<string> Ownerless) Over(string text, RowHashes known, IReadOnlySet<UInt128>? corrected = null)
    {
        var lines = new Utf8LineSource(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var ownerless = new List<string>();
        return (lines, new UnchangedLines(lines, 0, Seed, new StagingContext(known, corrected ?? new HashSet<UInt128>()), ownerless), ownerless);
    }

    [Fact]
    public void A_line_hashed_as_bytes_matches_the_hash_of_its_decoded_text()
    {
        const string row = "P-1,\"Thôn 1, Xã Hương Vinh\"";
        Assert.Equal(RowHashes.HashOf(row, Seed), RowHashes.HashOf(Encoding.UTF8.GetBytes(row), Seed));
    }

    [Fact]
    public void Only_rows_whose_bytes_are_the_stored_ones_are_passed_over()
    {
        var known = Stored(("P-1", RowHashes.HashOf("P-1,\"Thôn 1, Xã 2\"", Seed)), ("P-2", RowHashes.HashOf("P-2,Thôn 2", Seed)),
            ("P-3", RowHashes.HashOf("P-3,Thôn 3", Seed)));
        var (lines, fast, _) = Over("P-1,\"Thôn 1, Xã 2\"\nP-2,Thôn 9\n\"P-3\",Thôn 3\nP-4,Thôn 4\nP-1,\"Thôn 1, Xã 2\"\n", known);

        Assert.True(fast.SkipRow());
        Assert.Equal(1, known.FirstLine(known.IndexOf(RowHashes.KeyOf("P-1"))));
        // Changed, quoted key, new key: each left to the full reader where it is.
        Assert.False(fast.SkipRow());
        Assert.Equal((2L, "P-2,Thôn 9"), lines.NextLine());
        Assert.False(fast.SkipRow());
        Assert.Equal((3L, "\"P-3\",Thôn 3"), lines.NextLine());
        Assert.False(fast.SkipRow());
        Assert.Equal((4L, "P-4,Thôn 4"), lines.NextLine());
        // A key met before: the full reader refuses the duplicate.
        Assert.False(fast.SkipRow());
        Assert.Equal(5, lines.NextNumber);
    }

    [Fact]
    public void A_corrected_parcel_and_invalid_UTF_8_go_the_full_way()
    {
        var known = Stored(("P-1", RowHashes.HashOf("P-1,Thôn 1", Seed)), ("P-2", RowHashes.HashOf("P-2,Th\uFFFDn 2", Seed)));
        var bytes = new List<byte>(Encoding.UTF8.GetBytes("P-1,Thôn 1\nP-2,Th"));
        bytes.AddRange([0xC3, 0x28]);
        bytes.AddRange(Encoding.UTF8.GetBytes("n 2\n"));
        var lines = new Utf8LineSource(new MemoryStream(bytes.ToArray()));
        var fast = new UnchangedLines(lines, 0, Seed, new StagingContext(known, new HashSet<UInt128> { RowHashes.KeyOf("P-1") }), []);

        Assert.False(fast.SkipRow());
        lines.NextLine();
        Assert.False(fast.SkipRow());
        Assert.Contains('\uFFFD', lines.NextLine()!.Value.Text);
    }

    [Fact]
    public void A_parcel_s_owner_rows_are_passed_over_together_when_they_are_the_stored_group()
    {
        var known = Stored(("P-1", Group("P-1,An", "P-1,Bình")), ("P-2", Group("P-2,Chi")));
        var (lines, fast, _) = Over("P-1,An\nP-1,Bình\nP-2,Chí\nP-3,Dũng\n", known);

        Assert.Equal((2L, 0L), fast.SkipGroup(new FileStager.OwnerGroup(Seed), null!, null!, []));
        // P-2's one row changed: handed back, as text, for the full reader.
        Assert.Equal((0L, 0L), fast.SkipGroup(new FileStager.OwnerGroup(Seed), null!, null!, []));
        Assert.True(lines.HasUnread);
        Assert.Equal((3L, "P-2,Chí"), lines.NextLine());
        Assert.Equal((4L, "P-3,Dũng"), lines.NextLine());
    }

    [Fact]
    public void Owner_rows_are_not_passed_over_when_the_next_row_may_belong_to_the_same_parcel()
    {
        // " P-1" parses to P-1: the full reader would make one group of the three rows.
        var known = Stored(("P-1", Group("P-1,An", "P-1,Bình")));
        var (lines, fast, _) = Over("P-1,An\nP-1,Bình\n P-1,Cường\n", known);

        Assert.Equal((0L, 0L), fast.SkipGroup(new FileStager.OwnerGroup(Seed), null!, null!, []));
        Assert.Equal([(1L, "P-1,An"), (2L, "P-1,Bình"), (3L, " P-1,Cường")], [lines.NextLine()!.Value, lines.NextLine()!.Value, lines.NextLine()!.Value]);
    }
}
