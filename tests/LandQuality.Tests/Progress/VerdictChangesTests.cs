using LandQuality.Progress;
using LandQuality.Rules.Runs;

namespace LandQuality.Tests.Progress;

/// <summary>The per-commune changes a batch of verdicts appends: new minus previous, only where something changed.</summary>
public sealed class VerdictChangesTests
{
    static ParcelVerdict Verdict(string id, bool correct = true, bool sufficient = true, bool clean = true, bool alive = true) =>
        new(id, correct, sufficient, clean, alive, 0, 0, "");

    [Fact]
    public void A_first_verdict_counts_its_parcel_as_evaluated_and_each_failing_dimension()
    {
        var command = VerdictChanges.Command([Verdict("a"), Verdict("b", clean: false, alive: false)], _ => "19753", new Dictionary<string, long[]>());
        Assert.NotNull(command);
        Assert.Equal(new[] { "19753" }, command.Parameters[0].Value);
        // evaluated, verified, failing correct, sufficient, clean, alive
        Assert.Equal(new long[] { 2, 1, 0, 0, 1, 1 }, Enumerable.Range(1, 6).Select(i => ((long[])command.Parameters[i].Value!)[0]));
    }

    [Fact]
    public void A_parcel_verified_now_moves_one_from_failing_to_verified_and_an_unchanged_verdict_appends_nothing()
    {
        var before = new Dictionary<string, long[]>
        {
            ["a"] = VerdictChanges.Counts(false, true, true, true),
            ["b"] = VerdictChanges.Counts(true, true, true, true),
        };
        var command = VerdictChanges.Command([Verdict("a"), Verdict("b")], id => id == "a" ? "19753" : "19774", before);
        Assert.NotNull(command);
        Assert.Equal(new[] { "19753" }, command.Parameters[0].Value);
        Assert.Equal(new long[] { 0, 1, -1, 0, 0, 0 }, Enumerable.Range(1, 6).Select(i => ((long[])command.Parameters[i].Value!)[0]));
        Assert.Null(VerdictChanges.Command([Verdict("b")], _ => "19774", before));
    }
}
