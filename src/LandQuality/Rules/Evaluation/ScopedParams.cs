using System.Linq.Expressions;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;

namespace LandQuality.Rules.Evaluation;

/// <summary>
/// Global or local params compiled into one delegate that extends a frame with their values,
/// evaluated eagerly and in order as RulesEngine does (each param may use the ones before it).
/// </summary>
sealed class ScopedParams
{
    readonly Func<object?[], object?[]> _extend;

    ScopedParams(Scope inner, Func<object?[], object?[]> extend)
    {
        Inner = inner;
        _extend = extend;
    }

    /// <summary>The outer scope with these params appended.</summary>
    public Scope Inner { get; }

    public object?[] Extend(object?[] frame) => _extend(frame);

    /// <summary>
    /// Null when there is nothing to add. A param whose name is already in scope is skipped, as
    /// RulesEngine skips it. Throws <see cref="ScopedParamCompileException"/> for the first param
    /// that does not parse, worded as RulesEngine words it.
    /// </summary>
    public static ScopedParams? Compile(
        RuleExpressionParser parser, CoreRewrites rewrites, IEnumerable<ScopedParam>? scopedParams, RuleExpressionType expressionType, Scope outer)
    {
        if (scopedParams?.Any() != true)
            return null;
        RuleCompiler.RequireSupported(expressionType);
        var parameters = outer.Parameters.ToList();
        var names = new HashSet<string?>(outer.Names);
        var assignments = new List<Expression>();
        foreach (var param in scopedParams)
        {
            if (!names.Add(param.Name))
                continue;
            Expression value;
            try
            {
                value = parser.Parse(param.Expression, parameters.ToArray(), null);
                ExpressionAllowList.Check(value);
            }
            catch (Exception ex)
            {
                throw new ScopedParamCompileException(param, ex);
            }
            var variable = Expression.Parameter(value.Type, param.Name);
            parameters.Add(variable);
            assignments.Add(Expression.Assign(variable, rewrites.Prepare(value)));
        }
        if (assignments.Count == 0)
            return null;

        var args = Expression.Parameter(typeof(object[]), "args");
        var body = outer.Unpack(args)
            .Concat(assignments)
            .Append(Expression.NewArrayInit(typeof(object), parameters.Select(p => Expression.Convert(p, typeof(object)))));
        var lambda = Expression.Lambda<Func<object?[], object?[]>>(Expression.Block(parameters, body), args);
        return new ScopedParams(new Scope(parameters.ToArray()), lambda.Compile());
    }
}

/// <summary>A global or local param that does not parse; fails the whole rule in RulesEngine.</summary>
sealed class ScopedParamCompileException(ScopedParam param, Exception inner)
    : Exception(RuleErrors.InScopedParam(inner, param.Name), inner)
{
    public ScopedParam Param { get; } = param;
}
