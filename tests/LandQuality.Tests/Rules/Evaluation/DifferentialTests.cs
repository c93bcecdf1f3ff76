using System.Collections.Concurrent;
using System.Diagnostics;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Loading;
using LandQuality.Tests.Rules.Authoring;
using RulesEngine.Models;
using Xunit.Abstractions;

namespace LandQuality.Tests.Rules.Evaluation;

/// <summary>
/// The fast path must give exactly what RulesEngine's ExecuteAllRulesAsync gives: the same failing
/// (parcel, rule) pairs in the same order, with the same messages and rule-error flags, on the
/// shipped rule set and on a fixture of nested, scoped-param, injected and erroring rules.
/// </summary>
public class DifferentialTests(ITestOutputHelper output)
{
    const int ParcelCount = 6000;
    static readonly List<ParcelFacts> Parcels = RandomFacts.Generate(ParcelCount, seed: 20251201);

    /// <summary>Every shipped version of the default set (the published one and those a run may still name) and the fixture.</summary>
    public static TheoryData<string> RuleSets
    {
        get
        {
            var sets = new TheoryData<string>();
            foreach (var version in RuleFiles.DefaultVersions)
                sets.Add($"default/{version}");
            sets.Add("differential.json");
            sets.Add(EditorMade);
            return sets;
        }
    }

    [Theory]
    [MemberData(nameof(RuleSets))]
    public async Task Fast_path_matches_ExecuteAllRulesAsync(string ruleSet)
    {
        var workflows = Load(ruleSet);
        var reference = new ReferenceEvaluator(Load(ruleSet));
        var fast = CompiledRuleSet.Compile(workflows);

        var clock = Stopwatch.StartNew();
        var expected = new List<Finding>();
        foreach (var parcel in Parcels)
            expected.AddRange(await reference.EvaluateAsync(parcel));
        var referenceTime = clock.Elapsed;

        clock.Restart();
        var sequential = new List<Finding>();
        foreach (var parcel in Parcels)
            fast.Evaluate(parcel, sequential);
        var sequentialTime = clock.Elapsed;

        clock.Restart();
        var parallel = fast.Evaluate(Parcels);
        var parallelTime = clock.Elapsed;

        output.WriteLine($"{ruleSet}: {expected.Count} findings over {ParcelCount} parcels, {fast.Rules.Count} rules");
        output.WriteLine($"ExecuteAllRulesAsync loop: {Rate(referenceTime)} parcels/s; fast: {Rate(sequentialTime)} parcels/s single-threaded, {Rate(parallelTime)} in parallel");
        Assert.NotEmpty(expected);
        AssertSame(expected, sequential);
        AssertSame(expected, parallel);
    }

    /// <summary>Each layer of the core switched off alone, and all of them: every combination must give RulesEngine's findings.</summary>
    public static TheoryData<string, CoreLayers> RuleSetsWithoutLayers
    {
        get
        {
            var data = new TheoryData<string, CoreLayers>();
            var layers = Enum.GetValues<CoreLayers>().Where(l => l is not CoreLayers.None and not CoreLayers.All)
                .Select(l => CoreLayers.All & ~l).Append(CoreLayers.None);
            foreach (var ruleSet in new[] { $"default/{RuleFiles.DefaultVersions.Max()}", "differential.json", EditorMade })
                foreach (var set in layers)
                    data.Add(ruleSet, set);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(RuleSetsWithoutLayers))]
    public async Task Fast_path_matches_ExecuteAllRulesAsync_with_layers_off(string ruleSet, CoreLayers layers)
    {
        var expected = await ReferenceFindings(ruleSet);
        var fast = CompiledRuleSet.Compile(Load(ruleSet), layers: layers);

        var sequential = new List<Finding>();
        foreach (var parcel in Parcels)
            fast.Evaluate(parcel, sequential);

        AssertSame(expected, sequential);
        AssertSame(expected, fast.Evaluate(Parcels));
    }

    static readonly ConcurrentDictionary<string, Lazy<Task<List<Finding>>>> ReferenceRuns = new();

    static Task<List<Finding>> ReferenceFindings(string ruleSet) => ReferenceRuns.GetOrAdd(ruleSet, set => new(async () =>
    {
        var reference = new ReferenceEvaluator(Load(set));
        var findings = new List<Finding>();
        foreach (var parcel in Parcels)
            findings.AddRange(await reference.EvaluateAsync(parcel));
        return findings;
    })).Value;

    /// <summary>Placeholder values at the edges of their types render as RulesEngine renders them (the core writes plain values directly).</summary>
    [Fact]
    public async Task Message_placeholders_render_edge_values_as_RulesEngine_does()
    {
        var workflows = RuleFiles.LoadFixture("placeholders.json");
        var reference = new ReferenceEvaluator(RuleFiles.LoadFixture("placeholders.json"));
        var fast = CompiledRuleSet.Compile(workflows);
        decimal?[] areas = [null, 0m, -0.00m, 120.50m, -3.125m, 0.0000000000000000000000000001m, decimal.MaxValue, decimal.MinValue, 1e20m, 255.0000m];
        int?[] numbers = [null, 0, -1, int.MaxValue, int.MinValue, 12];
        DateOnly?[] dates = [null, DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(999, 3, 4), new DateOnly(2024, 2, 29)];
        var parcels = Enumerable.Range(0, 200).Select(i => new ParcelFacts
        {
            ParcelId = $"P-{i}", CommuneCode = "19753", EvaluatedOn = dates[(i + 1) % dates.Length] ?? DateOnly.MinValue,
            AreaM2 = areas[i % areas.Length], LegalAreaM2 = areas[(i / 3) % areas.Length], PurposeAreaSum = areas[(i / 7) % areas.Length],
            MapSheet = numbers[i % numbers.Length], ParcelNo = numbers[(i / 5) % numbers.Length], DuplicateKeyCount = numbers[(i / 2) % numbers.Length] ?? 1,
            HasCertificate = i % 2 == 0, CertificateIssuedOn = dates[i % dates.Length], UpdatedOn = dates[(i / 4) % dates.Length],
        }).ToList();

        var expected = new List<Finding>();
        foreach (var parcel in parcels)
            expected.AddRange(await reference.EvaluateAsync(parcel));

        Assert.Equal(parcels.Count, expected.Count);
        Assert.Contains(expected, f => f.Message.Contains("area 120.50,", StringComparison.Ordinal));
        AssertSame(expected, fast.Evaluate(parcels));
    }

    [Fact]
    public async Task Every_kind_of_outcome_is_exercised()
    {
        var workflows = Load("differential.json");
        var findings = CompiledRuleSet.Compile(workflows).Evaluate(Parcels);
        var reference = new ReferenceEvaluator(Load("differential.json"));
        var sample = await reference.EvaluateAsync(Parcels[0]);

        Assert.Contains(findings, f => f.IsRuleError && f.Message.StartsWith("Error while executing rule : first_owner_named", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.IsRuleError && f.Message.StartsWith("Error while executing scoped params for rule `local_throws` - System.InvalidOperationException", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.IsRuleError && f.RuleName == "uses_gx");
        Assert.Contains(findings, f => f.IsRuleError && f.RuleName == "broken_child_local");
        Assert.Contains(findings, f => !f.IsRuleError && f.RuleName == "nested_or");
        Assert.Contains(findings, f => !f.IsRuleError && f.RuleName == "s_owner_count");
        Assert.Contains(findings, f => f.RuleName == "local_ok_message" && f.Message.Contains("nope=$(input1.Nope)", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.IsRuleError && f.RuleName == "closure_throws");
        Assert.Contains(findings, f => !f.IsRuleError && f.RuleName == "closure_over_input");
        Assert.Contains(findings, f => !f.IsRuleError && f.RuleName == "closure_nested");
        Assert.DoesNotContain(findings, f => f.RuleName == "disabled_top" || f.Workflow == "shared");
        Assert.All(findings.Where(f => f.IsRuleError), f => Assert.DoesNotContain("   at ", f.Message, StringComparison.Ordinal));
        Assert.NotEmpty(sample);
    }

    /// <summary>The rules the editor's form makes (<see cref="EditorMadeRules"/>): ordinary RulesEngine JSON, so RulesEngine must agree on them too.</summary>
    const string EditorMade = "editor-made";

    static Workflow[] Load(string ruleSet) =>
        ruleSet == EditorMade ? EditorMadeRules.Workflows()
        : ruleSet.StartsWith("default/", StringComparison.Ordinal)
            ? RuleSetFile.Read(RuleFiles.DefaultVersionPath(int.Parse(ruleSet["default/".Length..], System.Globalization.CultureInfo.InvariantCulture)))
            : RuleFiles.LoadFixture(ruleSet);

    static string Rate(TimeSpan elapsed) => (ParcelCount / elapsed.TotalSeconds).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    static void AssertSame(List<Finding> expected, List<Finding> actual)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
            Assert.Equal(expected[i], actual[i]);
        Assert.Equal(expected.Count, actual.Count);
    }
}
