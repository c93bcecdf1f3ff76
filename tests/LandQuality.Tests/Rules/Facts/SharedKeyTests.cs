using LandQuality.Rules.Facts;

namespace LandQuality.Tests.Rules.Facts;

public sealed class SharedKeyTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(39, 12, 345)]
    [InlineData((1 << 20) - 1, (1 << 21) - 1, (1 << 22) - 1)]
    public void A_key_within_the_limits_unpacks_to_itself(int commune, int sheet, int no)
    {
        var packed = SharedKey.Pack(commune, sheet, no);

        Assert.NotNull(packed);
        Assert.Equal((commune, sheet, no), SharedKey.Unpack(packed.Value));
    }

    [Theory]
    [InlineData(0, -1, 5)]
    [InlineData(0, 5, -1)]
    [InlineData(0, 1 << 21, 5)]
    [InlineData(0, 5, 1 << 22)]
    [InlineData(1 << 20, 5, 5)]
    public void A_key_outside_the_limits_does_not_pack(int commune, int sheet, int no) =>
        Assert.Null(SharedKey.Pack(commune, sheet, no));

    [Fact]
    public void Packed_keys_sort_as_their_parts_do_so_equal_keys_lie_side_by_side()
    {
        (int, int, int)[] keys = [(2, 1, 1), (1, 9, 9), (1, 10, 0), (1, 9, 10), (0, 3000, 4000)];

        var sorted = keys.Select(k => SharedKey.Pack(k.Item1, k.Item2, k.Item3)!.Value).Order().Select(SharedKey.Unpack);

        Assert.Equal(keys.Order(), sorted);
    }
}
