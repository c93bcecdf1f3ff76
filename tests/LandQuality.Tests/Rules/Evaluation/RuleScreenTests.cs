using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;
using RulesEngine.Models;

namespace LandQuality.Tests.Rules.Evaluation;

/// <summary>
/// The screen passes over exactly the rules that succeed: a rule that fails or throws is reported
/// with what its finding needs (the exception it threw), and a rule with local params is left for
/// its full evaluation; a throwing child only makes its parent fail.
/// </summary>
public class RuleScreenTests
{
    static readonly Rule[] Rules =
    [
        new() { RuleName = "has_owner", Expression = "input1.Owners.Count > 0" },
        new() { RuleName = "throws_without_address", Expression = "input1.Address.Length > 3" },
        new() { RuleName = "large", Expression = "input1.AreaM2 > 100" },
        new() { RuleName = "with_locals", Expression = "n > 0", LocalParams = [new ScopedParam { Name = "n", Expression = "input1.Owners.Count" }] },
        new()
        {
            RuleName = "all_with_throwing_child", Operator = "AndAlso",
            Rules = [new Rule { RuleName = "yes", Expression = "true" }, new Rule { RuleName = "boom", Expression = "input1.Address.Length > 0" }],
        },
        new()
        {
            RuleName = "any_despite_throwing_child", Operator = "OrElse",
            Rules = [new Rule { RuleName = "boom", Expression = "input1.Address.Length > 0" }, new Rule { RuleName = "yes", Expression = "true" }],
        },
    ];

    static RuleScreen Screen(out RuleNode[] nodes)
    {
        var compiler = new RuleCompiler(RuleSettings.CreateParser(), new CoreRewrites(CoreLayers.All), "test", null);
        nodes = Rules.Select(r => compiler.CompileTopLevel(r, Scope.Input)).ToArray();
        return new RuleScreen(Scope.Input, nodes);
    }

    /// <summary>The rules that need a finding or their full evaluation: not screened, or screened and failed.</summary>
    static string[] MayFail(RuleScreen screen, object frameValue) => Screened(screen, frameValue, out _);

    static string[] Screened(RuleScreen screen, object frameValue, out Dictionary<string, Exception> threw)
    {
        Span<ulong> failed = stackalloc ulong[screen.Words];
        Exception?[]? errors = null;
        var screened = screen.TryScreen([frameValue], failed, ref errors);
        var names = new List<string>();
        threw = [];
        for (var i = 0; i < Rules.Length; i++)
        {
            var bit = screened ? screen.BitOf(i) : -1;
            if (bit < 0 || RuleScreen.IsSet(failed, bit))
                names.Add(Rules[i].RuleName);
            if (bit >= 0 && errors?[bit] is { } error)
                threw[Rules[i].RuleName] = error;
        }
        return names.ToArray();
    }

    static ParcelFacts Parcel(string? address, decimal area) => new()
    {
        ParcelId = "p", CommuneCode = "19753", Address = address, AreaM2 = area,
        Owners = [new OwnerFacts { Seq = 1, FullName = "Nguyễn Văn An" }],
    };

    [Fact]
    public void Failing_and_throwing_rules_and_rules_with_local_params_are_left_for_full_evaluation()
    {
        var screen = Screen(out _);
        Assert.Equal(["throws_without_address", "large", "with_locals", "all_with_throwing_child"], MayFail(screen, Parcel(null, 50)));
        Assert.Equal(["with_locals"], MayFail(screen, Parcel("12 Lê Lợi", 500)));
    }

    [Fact]
    public void A_failing_rule_s_outcome_is_the_one_full_evaluation_gives()
    {
        var screen = Screen(out var nodes);
        foreach (var parcel in new[] { Parcel(null, 50), Parcel("12 Lê Lợi", 500), Parcel("x", 101) })
        {
            var mayFail = Screened(screen, parcel, out var threw);
            for (var i = 0; i < nodes.Length; i++)
                if (screen.BitOf(i) >= 0 && mayFail.Contains(Rules[i].RuleName))
                {
                    var full = nodes[i].Evaluate([parcel]);
                    var screened = nodes[i].Failure([parcel], threw.GetValueOrDefault(Rules[i].RuleName));
                    Assert.Equal((full.IsSuccess, full.Error), (screened.IsSuccess, screened.Error));
                }
        }
        Screened(screen, Parcel(null, 50), out var thrown);
        Assert.Equal(["throws_without_address"], thrown.Keys);
    }

    [Fact]
    public void Every_rule_the_screen_passes_over_succeeds_in_full_evaluation()
    {
        var screen = Screen(out var nodes);
        foreach (var parcel in new[] { Parcel(null, 50), Parcel("12 Lê Lợi", 500), Parcel("x", 101) })
        {
            var mayFail = MayFail(screen, parcel);
            for (var i = 0; i < nodes.Length; i++)
                if (!mayFail.Contains(Rules[i].RuleName))
                    Assert.True(nodes[i].Evaluate([parcel]).IsSuccess, Rules[i].RuleName);
        }
    }

    [Fact]
    public void A_frame_the_screen_cannot_unpack_leaves_every_rule_for_full_evaluation()
    {
        Assert.Equal(Rules.Select(r => r.RuleName), MayFail(Screen(out _), "not a parcel"));
    }
}
