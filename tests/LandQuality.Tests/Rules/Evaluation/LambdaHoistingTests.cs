using System.Linq.Expressions;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;

namespace LandQuality.Tests.Rules.Evaluation;

/// <summary>
/// Nested lambdas leave the compiled tree (else the LINQ compiler makes a delegate per evaluation),
/// and what they compute does not change: closures see this evaluation's values, not the first one's.
/// </summary>
public class LambdaHoistingTests
{
    static Func<ParcelFacts, bool> Compile(string expression, out Expression hoisted)
    {
        var input = Scope.Input.Parameters[0];
        hoisted = LambdaHoisting.Apply(RuleSettings.CreateParser().Parse(expression, [input], typeof(bool)));
        return Expression.Lambda<Func<ParcelFacts, bool>>(hoisted, input).Compile();
    }

    static ParcelFacts Parcel(int evaluatedYear, params int?[] birthYears) => new()
    {
        ParcelId = "p", CommuneCode = "19753", EvaluatedOn = new DateOnly(evaluatedYear, 1, 1),
        Owners = birthYears.Select((y, i) => new OwnerFacts { Seq = i + 1, BirthYear = y, IdNumber = $"id{y}" }).ToList(),
    };

    [Theory]
    [InlineData("input1.Owners.All(o => o.BirthYear != null)")]
    [InlineData("input1.Owners.All(o => o.BirthYear < input1.EvaluatedOn.Year - 18)")]
    [InlineData("input1.Owners.All(o => input1.Owners.Count(x => x.IdNumber == o.IdNumber) == 1)")]
    public void No_lambda_is_left_for_the_compiler_to_rebuild(string expression)
    {
        Compile(expression, out var hoisted);
        Assert.False(Lambdas.In(hoisted), hoisted.ToString());
    }

    [Fact]
    public void A_closure_reads_the_values_of_the_evaluation_it_runs_in()
    {
        var adultOwners = Compile("input1.Owners.All(o => o.BirthYear < input1.EvaluatedOn.Year - 18)", out _);

        Assert.True(adultOwners(Parcel(2025, 1990, 2000)));
        Assert.False(adultOwners(Parcel(2025, 1990, 2010)));
        Assert.True(adultOwners(Parcel(2040, 1990, 2010)));
    }

    [Fact]
    public void Nested_closures_see_their_own_element()
    {
        var distinctIds = Compile("input1.Owners.All(o => input1.Owners.Count(x => x.IdNumber == o.IdNumber) == 1)", out _);

        Assert.True(distinctIds(Parcel(2025, 1990, 2000)));
        Assert.False(distinctIds(Parcel(2025, 1990, 1990)));
    }

    [Fact]
    public void A_closure_that_throws_throws_as_before()
    {
        var longName = Compile("input1.Owners.Any(o => o.FullName.Length > input1.ParcelId.Length)", out _);

        Assert.Throws<NullReferenceException>(() => longName(Parcel(2025, 1990)));
    }

    [Fact]
    public void Any_with_an_outer_value_decides_on_this_evaluation_s_value()
    {
        var minorOwner = Compile("input1.Owners.Any(o => o.BirthYear > input1.EvaluatedOn.Year - 18)", out _);

        Assert.False(minorOwner(Parcel(2025, 1990, 2000)));
        Assert.True(minorOwner(Parcel(2025, 1990, 2010)));
        Assert.False(minorOwner(Parcel(2040, 1990, 2010)));
    }

    [Fact]
    public void A_missing_source_throws_what_Enumerable_All_throws()
    {
        var adultOwners = Compile("input1.Owners.All(o => o.BirthYear < input1.EvaluatedOn.Year - 18)", out _);
        var expected = Assert.Throws<ArgumentNullException>(() => Enumerable.All<OwnerFacts>(null!, _ => true));

        var actual = Assert.Throws<ArgumentNullException>(() => adultOwners(Parcel(2025, 1990) with { Owners = null! }));

        Assert.Equal((expected.ParamName, expected.Message), (actual.ParamName, actual.Message));
    }

    sealed class Lambdas : ExpressionVisitor
    {
        bool _found;

        public static bool In(Expression expression)
        {
            var visitor = new Lambdas();
            visitor.Visit(expression);
            return visitor._found;
        }

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            _found = true;
            return node;
        }
    }
}
