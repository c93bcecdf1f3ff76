using LandQuality.People;
using LandQuality.Rules.Helpers;
using RulesEngine.Models;

namespace LandQuality.Tests.Rules.Helpers;

/// <summary>Proves the helpers are callable from RulesEngine expressions once registered as custom types.</summary>
public class RulesEngineCustomTypesTests
{
    public sealed record OwnerFacts(
        string? A, string? B, string? Id, string? Gender, int? BirthYear, DateOnly? BirthDate,
        string? Code, string? Wkt, decimal? Area, decimal? PurposeSum);

    public sealed record RegistryFacts(DateOnly? BirthDate);

    static readonly (string Name, string Expression, bool Expected)[] Cases =
    [
        ("same person across tone styles", "VietnameseName.SamePerson(input1.A, input1.B)", true),
        ("names normalised", "VietnameseName.IsNormalized(input1.A) && !VietnameseName.IsNormalized(input1.B)", true),
        ("compound surname", "VietnameseName.Surname(input1.A) == \"Tôn Thất\"", true),
        ("accent-free copy", "VietnameseName.LacksDiacriticsOf(\"Ton That Hoa\", input1.A)", true),
        ("gender contradicts CCCD", "IdNumbers.GenderMatches(input1.Id, input1.Gender)", false),
        ("birth year agrees with CCCD", "IdNumbers.BirthYearMatches(input1.Id, input1.BirthYear)", true),
        ("id kind", "IdNumbers.Kind(input1.Id) == \"cccd\" && IdNumbers.HasKnownProvinceCode(input1.Id)", true),
        ("legacy land use", "LandUse.IsLegacy(input1.Code) && LandUse.MapsTo(input1.Code) == \"LUK\"", true),
        ("geometry matches", "Areas.GeometryMatches(input1.Wkt, input1.Area, 0.05m)", true),
        ("purposes add up", "Areas.PurposesAddUp(input1.Area, input1.PurposeSum, 0.1m)", false),
        ("placeholder birth date", "Dates.IsPlaceholder(input1.BirthDate)", false),
        ("birth consistent with registry", "Dates.BirthConsistent(input1.BirthDate, input1.BirthYear, input2.BirthDate)", true),
        ("missing values never throw", "IdNumbers.GenderMatches(null, null) && Areas.PolygonArea(null) == null && !VietnameseName.SamePerson(null, input1.A)", true),
    ];

    [Fact]
    public async Task Helpers_are_callable_from_rule_expressions()
    {
        var workflow = new Workflow
        {
            WorkflowName = "helpers",
            Rules = Cases.Select(c => new Rule
            {
                RuleName = c.Name,
                Expression = c.Expression,
                RuleExpressionType = RuleExpressionType.LambdaExpression,
            }).ToList(),
        };
        var engine = new RulesEngine.RulesEngine([workflow], new ReSettings { CustomTypes = RuleHelpers.CustomTypes });
        var owner = new OwnerFacts(
            A: "Tôn Thất Hòa", B: "TÔN  THẤT HOÀ",
            Id: PersonalIdNumber.Compose("046", "M", 1978, 314159), Gender: "F", BirthYear: 1978,
            BirthDate: new DateOnly(1978, 5, 19), Code: "LUN",
            Wkt: "POLYGON ((0 0, 20 0, 20 10, 0 10, 0 0))", Area: 198.5m, PurposeSum: 150m);
        var registry = new RegistryFacts(new DateOnly(1978, 5, 19));

        var results = await engine.ExecuteAllRulesAsync("helpers", owner, registry);

        Assert.Equal(Cases.Length, results.Count);
        foreach (var (name, _, expected) in Cases)
        {
            var result = Assert.Single(results, r => r.Rule.RuleName == name);
            Assert.True(string.IsNullOrEmpty(result.ExceptionMessage), $"{name}: {result.ExceptionMessage}");
            Assert.True(expected == result.IsSuccess, $"{name}: expected {expected}, got {result.IsSuccess}");
        }
    }
}
