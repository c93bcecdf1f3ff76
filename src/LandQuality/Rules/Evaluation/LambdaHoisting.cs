using System.Linq.Expressions;

namespace LandQuality.Rules.Evaluation;

/// <summary>
/// Compiles each nested lambda once instead of at every evaluation. The LINQ expression compiler
/// builds a new delegate for a nested lambda each time the outer expression runs
/// (DynamicMethod.CreateDelegate), and keeps the variables the lambda reads in a closure object
/// allocated at every entry of the expression, whichever branch runs. A lambda that
/// uses nothing from outside itself (<c>o =&gt; o.IdNumber != null</c> in <c>input1.Owners.All(…)</c>)
/// becomes a constant delegate. A one-argument lambda that reads outer values
/// (<c>o =&gt; !Dates.IsInFuture(o.BirthDate, input1.EvaluatedOn)</c>) is compiled once with those
/// values as an extra argument, and each evaluation only binds the current values to it
/// (<see cref="Closure.Bind"/>: two small allocations). Rule expressions never assign, so binding
/// the values when the lambda is created is the same as reading them when it runs. The body is
/// compiled by the same compiler either way, so results and exceptions do not change.
/// </summary>
static class LambdaHoisting
{
    public static Expression Apply(Expression expression) => new Hoister().Visit(expression);

    sealed class Hoister : ExpressionVisitor
    {
        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            var visited = (LambdaExpression)base.VisitLambda(node);
            var free = FreeParameters.Of(visited);
            if (free.Count == 0)
                return Expression.Constant(visited.Compile(), visited.Type);
            return IsOneArgumentFunc(visited) && !Assigns.Anything(visited) ? Bound(visited, free.ToArray()) : visited;
        }

        static bool IsOneArgumentFunc(LambdaExpression lambda) =>
            lambda.Type.IsGenericType && lambda.Type.GetGenericTypeDefinition() == typeof(Func<,>);

        /// <summary><c>Closure.Bind(compiled (values, x) =&gt; body, [free values…])</c>, of the lambda's own type.</summary>
        static Expression Bound(LambdaExpression lambda, ParameterExpression[] free)
        {
            var values = Expression.Parameter(typeof(object[]), "closure");
            var reads = free.Select((p, i) => (p, (Expression)Expression.Convert(Expression.ArrayIndex(values, Expression.Constant(i)), p.Type)))
                .ToDictionary(x => x.p, x => x.Item2);
            var argument = lambda.Parameters[0];
            var body = new Substitution(reads).Visit(lambda.Body);
            var types = lambda.Type.GetGenericArguments();
            var open = Expression.Lambda(typeof(Func<,,>).MakeGenericType(typeof(object[]), types[0], types[1]), body, values, argument);
            var bind = typeof(Closure).GetMethod(nameof(Closure.Bind))!.MakeGenericMethod(types);
            return Expression.Call(bind, Expression.Constant(open.Compile()),
                Expression.NewArrayInit(typeof(object), free.Select(p => Expression.Convert(p, typeof(object)))));
        }

        // A quoted lambda is an expression tree a method inspects (Queryable), not a delegate to call.
        protected override Expression VisitUnary(UnaryExpression node) =>
            node.NodeType == ExpressionType.Quote ? node : base.VisitUnary(node);
    }

    /// <summary>Replaces the free parameters by reads from the closure array.</summary>
    sealed class Substitution(Dictionary<ParameterExpression, Expression> reads) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => reads.GetValueOrDefault(node, node);
    }

    /// <summary>Whether an expression assigns anything (then a value bound early could differ from one read late).</summary>
    sealed class Assigns : ExpressionVisitor
    {
        bool _found;

        public static bool Anything(Expression expression)
        {
            var visitor = new Assigns();
            visitor.Visit(expression);
            return visitor._found;
        }

        protected override Expression VisitBinary(BinaryExpression node)
        {
            _found |= node.NodeType is ExpressionType.Assign or ExpressionType.AddAssign or ExpressionType.SubtractAssign
                or ExpressionType.MultiplyAssign or ExpressionType.DivideAssign or ExpressionType.ModuloAssign
                or ExpressionType.AndAssign or ExpressionType.OrAssign or ExpressionType.ExclusiveOrAssign or ExpressionType.PowerAssign
                or ExpressionType.LeftShiftAssign or ExpressionType.RightShiftAssign or ExpressionType.AddAssignChecked
                or ExpressionType.SubtractAssignChecked or ExpressionType.MultiplyAssignChecked;
            return base.VisitBinary(node);
        }

        protected override Expression VisitUnary(UnaryExpression node)
        {
            _found |= node.NodeType is ExpressionType.PreIncrementAssign or ExpressionType.PreDecrementAssign
                or ExpressionType.PostIncrementAssign or ExpressionType.PostDecrementAssign;
            return base.VisitUnary(node);
        }
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

/// <summary>A lambda compiled once with its outer values as an argument, bound to this evaluation's values.</summary>
public static class Closure
{
    public static Func<T, TResult> Bind<T, TResult>(Func<object[], T, TResult> compiled, object[] values) =>
        x => compiled(values, x);
}
