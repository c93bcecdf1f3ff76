using System.Linq.Expressions;
using System.Reflection;

namespace LandQuality.Rules.Evaluation;

/// <summary>
/// For <see cref="RuleScreen"/>: <c>source.All(x =&gt; body)</c> and <c>Any</c> over an array or list become a loop
/// with the body written inside it, instead of a call through a delegate for every element (of the
/// default set, nineteen rules walk the owners this way and two the purposes). The loop visits the same elements in the same
/// order and stops at the same one, so it gives the same answer and throws for the same element as
/// the LINQ call. A source that is neither an array nor a <see cref="List{T}"/> at run time (or null) goes
/// to the LINQ call as written, which throws or enumerates as LINQ does.
/// </summary>
static class LoopInlining
{
    public static Expression Apply(Expression expression) => new Inliner().Visit(expression);

    /// <summary>The LINQ methods written out: <c>Enumerable.All</c> and <c>Any</c> with a predicate.</summary>
    static readonly MethodInfo LinqAll = LinqPredicateMethod(nameof(Enumerable.All));
    static readonly MethodInfo LinqAny = LinqPredicateMethod(nameof(Enumerable.Any));

    static MethodInfo LinqPredicateMethod(string name) =>
        typeof(Enumerable).GetMethods().Single(m => m.Name == name && m.GetParameters().Length == 2);

    sealed class Inliner : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var visited = (MethodCallExpression)base.VisitMethodCall(node);
            if (!visited.Method.IsGenericMethod || visited.Arguments.Count != 2 || visited.Arguments[1] is not LambdaExpression { Parameters.Count: 1 } lambda)
                return visited;
            var definition = visited.Method.GetGenericMethodDefinition();
            if (definition != LinqAll && definition != LinqAny)
                return visited;
            return Loop(visited, lambda, wanted: definition == LinqAny);
        }

        /// <summary>
        /// <c>{ s = source; if (s is T[] a) loop over a; else if (s is List&lt;T&gt; l) loop over l; else result = call(s, lambda); result }</c>
        /// </summary>
        static Expression Loop(MethodCallExpression call, LambdaExpression lambda, bool wanted)
        {
            var element = lambda.Parameters[0].Type;
            var arrayType = element.MakeArrayType();
            var listType = typeof(List<>).MakeGenericType(element);
            var source = Expression.Variable(call.Arguments[0].Type, "source");
            var array = Expression.Variable(arrayType, "array");
            var list = Expression.Variable(listType, "list");
            var result = Expression.Variable(typeof(bool), "result");
            return Expression.Block(typeof(bool), [source, array, list, result],
                Expression.Assign(source, call.Arguments[0]),
                Expression.IfThenElse(Expression.NotEqual(Expression.Assign(array, Expression.TypeAs(source, arrayType)), Expression.Constant(null, arrayType)),
                    Walk(Expression.ArrayLength(array), i => Expression.ArrayIndex(array, i), lambda, wanted, result),
                    Expression.IfThenElse(Expression.NotEqual(Expression.Assign(list, Expression.TypeAs(source, listType)), Expression.Constant(null, listType)),
                        Walk(Expression.Property(list, nameof(List<int>.Count)), i => Expression.Property(list, "Item", i), lambda, wanted, result),
                        Expression.Assign(result, call.Update(call.Object, [source, lambda])))),
                result);
        }

        /// <summary>
        /// <c>result = !wanted; for (i = 0; i &lt; count; i++) { x = item(i); if (body == wanted) { result = wanted; break; } }</c>,
        /// with its own copy of the body.
        /// </summary>
        static Expression Walk(Expression count, Func<Expression, Expression> itemAt, LambdaExpression lambda, bool wanted, ParameterExpression result)
        {
            var index = Expression.Variable(typeof(int), "i");
            var item = Expression.Variable(lambda.Parameters[0].Type, lambda.Parameters[0].Name);
            var done = Expression.Label("done");
            var body = new Rename(lambda.Parameters[0], item).Visit(lambda.Body);
            return Expression.Block([index, item],
                Expression.Assign(result, Expression.Constant(!wanted)),
                Expression.Assign(index, Expression.Constant(0)),
                Expression.Loop(
                    Expression.Block(
                        Expression.IfThen(Expression.GreaterThanOrEqual(index, count), Expression.Break(done)),
                        Expression.Assign(item, itemAt(index)),
                        Expression.IfThen(Expression.Equal(body, Expression.Constant(wanted)),
                            Expression.Block(Expression.Assign(result, Expression.Constant(wanted)), Expression.Break(done))),
                        Expression.PreIncrementAssign(index)),
                    done));
        }
    }

    /// <summary>The lambda's parameter becomes the loop's variable.</summary>
    sealed class Rename(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
