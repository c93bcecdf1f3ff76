using System.Linq.Expressions;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;

namespace LandQuality.Tests.Rules.Evaluation;

/// <summary>What the budget meters: sequences a rule makes, never the parcel's own lists, so the shipped rules run unmetered.</summary>
public class RuleBudgetMeteringTests
{
    static readonly ParameterExpression Input = Expression.Parameter(typeof(ParcelFacts), "input1");

    static Expression Parse(string expression, params ParameterExpression[] more) =>
        RuleSettings.CreateParser().Parse(expression, [Input, .. more], typeof(bool));

    [Fact]
    public void No_expression_of_the_shipped_rule_sets_is_metered()
    {
        var checkedExpressions = 0;
        foreach (var workflow in RuleFiles.DefaultVersions.SelectMany(v => LandQuality.Rules.Loading.RuleSetFile.Read(RuleFiles.DefaultVersionPath(v))))
        {
            var globals = new List<ParameterExpression>();
            foreach (var global in workflow.GlobalParams ?? [])
            {
                var value = RuleSettings.CreateParser().Parse(global.Expression, [Input, .. globals], null);
                Assert.Same(value, RuleBudgetMetering.Apply(value));
                globals.Add(Expression.Parameter(value.Type, global.Name));
            }
            foreach (var rule in workflow.Rules.Where(r => r.LocalParams is null && r.Expression is not null))
            {
                var parsed = Parse(rule.Expression, [.. globals]);
                Assert.Same(parsed, RuleBudgetMetering.Apply(parsed));
                checkedExpressions++;
            }
        }
        Assert.True(checkedExpressions > 30);
    }

    [Theory]
    [InlineData("Enumerable.Range(0, 10).Any(i => i > 5)", 1)]
    [InlineData("Enumerable.Repeat(1, 3).Where(i => i > 0).Select(i => i * 2).Sum() == 6", 1)]
    [InlineData("Enumerable.Range(0, 10).All(i => Enumerable.Range(0, i).Count() >= 0)", 2)]
    [InlineData("input1.Owners.Where(o => o.Share != null).Select(o => o.FullName).Distinct().Count() > 0", 0)]
    public void Only_the_sequences_a_rule_makes_are_metered(string expression, int metered)
    {
        var prepared = RuleBudgetMetering.Apply(Parse(expression));

        Assert.Equal(metered, new CallCounter(nameof(RuleBudget.Metered)).CountIn(prepared));
        Assert.Equal(metered > 0 ? 1 : 0, new CallCounter(nameof(RuleBudget.Start)).CountIn(prepared));
    }

    sealed class CallCounter(string method) : ExpressionVisitor
    {
        int _count;

        public int CountIn(Expression expression)
        {
            Visit(expression);
            return _count;
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType == typeof(RuleBudget) && node.Method.Name == method)
                _count++;
            return base.VisitMethodCall(node);
        }
    }
}
