using System.Collections;
using System.Linq.Expressions;

namespace LandQuality.Rules.Evaluation;

/// <summary>
/// Puts a rule expression under <see cref="RuleBudget"/>: every sequence the expression makes out of
/// nothing (<c>Enumerable.Range</c>, <c>Repeat</c>, or a sequence from a method other than LINQ's) is
/// walked through <see cref="RuleBudget.Metered{T}"/>, and an expression that makes one, or reads a
/// scoped param that may hold one still unwalked, starts its count first. LINQ's other methods only
/// filter, map, join and order the sequences they are given, so a walk is long only when one of its
/// sources is made: metering the sources counts every long walk, nested ones included, once. The
/// parcel's own lists (its owners, its purposes) are a few items long and are not metered, so the
/// shipped rules run as they are. Metering changes no result and no exception of a walk that stays
/// within the budget.
/// </summary>
static class RuleBudgetMetering
{
    static readonly System.Reflection.MethodInfo MeteredMethod = typeof(RuleBudget).GetMethod(nameof(RuleBudget.Metered))!;
    static readonly Expression StartCall = Expression.Call(typeof(RuleBudget).GetMethod(nameof(RuleBudget.Start))!);

    public static Expression Apply(Expression expression)
    {
        var meter = new Meter();
        var metered = meter.Visit(expression);
        return meter.NeedsStart ? Expression.Block(metered.Type, StartCall, metered) : metered;
    }

    static bool IsMadeFromNothing(Expression node) =>
        node is not MethodCallExpression call || call.Method.DeclaringType != typeof(Enumerable) || call.Method.Name is nameof(Enumerable.Range) or nameof(Enumerable.Repeat);

    sealed class Meter : ExpressionVisitor
    {
        public bool NeedsStart { get; private set; }

        protected override Expression VisitMethodCall(MethodCallExpression node) => MeterIfSequence(base.VisitMethodCall(node));

        protected override Expression VisitNew(NewExpression node) => MeterIfSequence(base.VisitNew(node));

        protected override Expression VisitParameter(ParameterExpression node)
        {
            // A scoped param may hold a sequence made, and metered, by its own expression but walked only here.
            if (node.Type != typeof(string) && node.Type.IsInterface && typeof(IEnumerable).IsAssignableFrom(node.Type))
                NeedsStart = true;
            return node;
        }

        Expression MeterIfSequence(Expression node)
        {
            if (!node.Type.IsGenericType || node.Type.GetGenericTypeDefinition() != typeof(IEnumerable<>) || !IsMadeFromNothing(node))
                return node;
            NeedsStart = true;
            return Expression.Call(MeteredMethod.MakeGenericMethod(node.Type.GetGenericArguments()), node);
        }
    }
}
