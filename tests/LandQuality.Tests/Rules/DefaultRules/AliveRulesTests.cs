using System.Globalization;
using LandQuality.People;
using LandQuality.Rules;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;
using RulesEngine.Models;

namespace LandQuality.Tests.Rules.DefaultRules;

/// <summary>
/// The alive dimension's limits, on both sides: stale_record past <c>staleAfterYears</c> (10) years
/// without an update, implausibly_old_owner past <c>maxOwnerAge</c> (105) for an owner the population
/// registry does not hold. The clean parcel is evaluated on 2025-12-01; both evaluators must agree.
/// </summary>
public class AliveRulesTests
{
    static readonly CompiledRuleSet Rules = CompiledRuleSet.Compile(RuleFiles.LoadDefault());
    static readonly ReferenceEvaluator Reference = new(RuleFiles.LoadDefault());

    static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    static async Task<List<Finding>> EvaluateAsync(ParcelFacts facts, CompiledRuleSet? rules = null, ReferenceEvaluator? reference = null)
    {
        var findings = (rules ?? Rules).Evaluate(facts);
        Assert.Equal(await (reference ?? Reference).EvaluateAsync(facts), findings);
        return findings;
    }

    static async Task<string[]> FailingAsync(ParcelFacts facts) =>
        (await EvaluateAsync(facts)).Select(f => f.RuleName).Order(StringComparer.Ordinal).ToArray();

    static ParcelFacts UpdatedOn(string? iso) => DefaultRuleCases.Clean with { UpdatedOn = iso is null ? null : D(iso) };

    /// <summary>The clean parcel's one owner, born in <paramref name="year"/> (with a CCCD of that year), and not in the registry.</summary>
    static ParcelFacts OwnerBornIn(int year, bool inRegistry = false, bool deceased = false)
    {
        var clean = DefaultRuleCases.Clean;
        var owner = clean.Owners[0] with
        {
            BirthDate = new DateOnly(year, 5, 19), BirthYear = year, IdNumber = PersonalIdNumber.Compose("046", "M", year, 314159),
            RegistryFound = inRegistry, RegistryFullName = inRegistry ? clean.Owners[0].FullName : null,
            RegistryBirthDate = inRegistry ? new DateOnly(year, 5, 19) : null, RegistryGender = inRegistry ? "M" : null,
            RegistryDeceased = deceased,
        };
        return clean with { Owners = [owner] };
    }

    [Theory]
    [InlineData("2016-12-01", false)] // nine years
    [InlineData("2015-12-02", false)]
    [InlineData("2015-12-01", false)] // exactly ten years: not more than ten
    [InlineData("2015-11-30", true)] // ten years and a day
    [InlineData("2014-12-01", true)] // eleven years
    public async Task Stale_record_fires_after_more_than_ten_years(string updatedOn, bool stale) =>
        Assert.Equal(stale ? ["stale_record"] : [], await FailingAsync(UpdatedOn(updatedOn)));

    [Fact]
    public async Task Stale_record_says_when_the_record_was_last_updated_and_against_which_limit()
    {
        var finding = Assert.Single(await EvaluateAsync(UpdatedOn("2014-12-01")));
        Assert.Equal(("Last updated 2014-12-01, more than 10 years before 2025-12-01.", Dimension.Alive, Severity.Error),
            (finding.Message, finding.Dimension, finding.Severity));
    }

    [Fact]
    public async Task A_missing_update_date_is_a_sufficient_finding_and_a_placeholder_a_clean_one_not_stale()
    {
        Assert.Equal(["missing_updated_on"], await FailingAsync(UpdatedOn(null)));
        Assert.Equal(Dimension.Sufficient, Rules.Rules.Single(r => r.RuleName == "missing_updated_on").Dimension);
        Assert.Equal(["placeholder_date"], await FailingAsync(UpdatedOn("1900-01-01")));
        Assert.Equal(["future_date"], await FailingAsync(UpdatedOn("2026-01-01")));
    }

    [Theory]
    [InlineData(1921, false)] // 104 in 2025
    [InlineData(1920, false)] // 105: not more than 105
    [InlineData(1919, true)] // 106
    [InlineData(1905, true)]
    public async Task Implausibly_old_owner_fires_above_105_for_an_owner_the_registry_does_not_hold(int birthYear, bool old) =>
        Assert.Equal(old ? ["implausibly_old_owner", "owner_not_in_registry"] : ["owner_not_in_registry"],
            await FailingAsync(OwnerBornIn(birthYear)));

    [Fact]
    public async Task The_registry_wins_over_the_birth_year()
    {
        Assert.Empty(await FailingAsync(OwnerBornIn(1919, inRegistry: true)));
        Assert.Equal(["deceased_owner"], await FailingAsync(OwnerBornIn(1919, inRegistry: true, deceased: true)));
    }

    [Fact]
    public async Task Only_an_owner_missing_from_the_registry_counts()
    {
        var registered = OwnerBornIn(1910, inRegistry: true).Owners[0];
        var missingYoung = OwnerBornIn(1960).Owners[0] with { Seq = 2 };
        var facts = DefaultRuleCases.Clean with { Owners = [registered, missingYoung] };
        Assert.Equal(["owner_not_in_registry"], await FailingAsync(facts));

        var missingOld = OwnerBornIn(1910).Owners[0] with { Seq = 2 };
        var finding = (await EvaluateAsync(facts with { Owners = [registered, missingOld] })).Single(f => f.RuleName == "implausibly_old_owner");
        Assert.Equal(("A right holder without a population-registry record was born more than 105 years before 2025-12-01 (counted by birth year).", Dimension.Alive, Severity.Error),
            (finding.Message, finding.Dimension, finding.Severity));
    }

    [Fact]
    public async Task Policy_staff_move_the_limits_in_the_global_params_without_touching_the_expressions()
    {
        var workflows = RuleFiles.LoadDefault();
        SetGlobal(workflows, "staleAfterYears", "5");
        SetGlobal(workflows, "maxOwnerAge", "90");
        var rules = CompiledRuleSet.Compile(workflows);
        var reference = new ReferenceEvaluator(workflows);

        Assert.Empty(await EvaluateAsync(UpdatedOn("2020-12-01"), rules, reference));
        Assert.Equal("Last updated 2020-11-30, more than 5 years before 2025-12-01.",
            Assert.Single(await EvaluateAsync(UpdatedOn("2020-11-30"), rules, reference)).Message);
        Assert.DoesNotContain(await EvaluateAsync(OwnerBornIn(1935), rules, reference), f => f.RuleName == "implausibly_old_owner");
        Assert.Contains(await EvaluateAsync(OwnerBornIn(1934), rules, reference), f => f.RuleName == "implausibly_old_owner");
    }

    [Fact]
    public async Task A_negative_limit_is_a_rule_error_on_every_parcel_not_a_silent_pass()
    {
        var workflows = RuleFiles.LoadDefault();
        SetGlobal(workflows, "staleAfterYears", "-1");
        var findings = await EvaluateAsync(DefaultRuleCases.Clean, CompiledRuleSet.Compile(workflows), new ReferenceEvaluator(workflows));

        var finding = Assert.Single(findings);
        Assert.Equal("stale_record", finding.RuleName);
        Assert.True(finding.IsRuleError);
        Assert.Contains("years", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_limits_are_ten_years_and_105()
    {
        var globals = RuleFiles.LoadDefault().Single().GlobalParams.ToDictionary(p => p.Name, p => p.Expression);
        Assert.Equal("10", globals["staleAfterYears"]);
        Assert.Equal("105", globals["maxOwnerAge"]);
    }

    static void SetGlobal(Workflow[] workflows, string name, string expression) =>
        workflows.Single().GlobalParams.Single(p => p.Name == name).Expression = expression;
}
