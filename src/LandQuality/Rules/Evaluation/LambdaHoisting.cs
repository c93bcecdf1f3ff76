using System.Linq.Expressions;

namespace LandQuality.Rules.Evaluation;

/// <summary>
/// Compiles each nested lambda that uses nothing from outside itself (<c>o =&gt; o.IdNumber != null</c>
/// in <c>input1.Owners.All(…)</c>) once, and puts the delegate in the tree as a constant. The LINQ
/// expression compiler would otherwise build a new delegate for it at every evaluation, which costs
/// several times the predicate itself. The lambda's body is compiled by the same compiler, so its
/// results and exceptions do not change; lambdas that read outer values are left alone.
/// </summary>
static class LambdaHoisting
{
    public static Expression Apply(Expression expression) => new Hoister().Visit(expression);

    sealed class Hoister : ExpressionVisitor
    {
        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            var visited = (LambdaExpression)base.VisitLambda(node);
            return FreeParameters.Of(visited).Count == 0 ? Expression.Constant(visited.Compile(), visited.Type) : visited;
        }

        // A quoted lambda is an expression tree a method inspects (Queryable), not a delegate to call.
        protected override Expression VisitUnary(UnaryExpression node) =>
            node.NodeType == ExpressionType.Quote ? node : base.VisitUnary(node);
    }

    /// <summary>The parameters an expression reads without declaring them (as lambda parameters or block variables).</summary>
    sealed class FreeParameters : ExpressionVisitor
    {
        readonly HashSet<ParameterExpression> _declared = [];
        readonly HashSet<ParameterExpression> _free = [];

        public static HashSet<ParameterExpression> Of(LambdaExpression lambda)
        {
            var visitor = new FreeParameters();
            visitor._declared.UnionWith(lambda.Parameters);
            visitor.Visit(lambda.Body);
            return visitor._free;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (!_declared.Contains(node))
                _free.Add(node);
            return node;
        }

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            _declared.UnionWith(node.Parameters);
            return base.VisitLambda(node);
        }

        protected override Expression VisitBlock(BlockExpression node)
        {
            _declared.UnionWith(node.Variables);
            return base.VisitBlock(node);
        }

        protected override CatchBlock VisitCatchBlock(CatchBlock node)
        {
            if (node.Variable is not null)
                _declared.Add(node.Variable);
            return base.VisitCatchBlock(node);
        }
    }
}
