using System.Linq.Expressions;
using LandQuality.Rules.Facts;
using RulesEngine.Models;

namespace LandQuality.Rules.Evaluation;

/// <summary>
/// The values an expression can name, in the order they sit in a frame (<c>object?[]</c>) at run
/// time: <c>input1</c>, then global params, then the local params of the rule and its parents.
/// </summary>
sealed class Scope
{
    public static readonly Scope Input = new([Expression.Parameter(typeof(ParcelFacts), RuleSettings.InputName)]);

    public Scope(ParameterExpression[] parameters)
    {
        Parameters = parameters;
        Names = parameters.Select(p => p.Name!).ToArray();
        RuleParameters = parameters.Select(p => RuleParameter.Create(p.Name, p.Type)).ToArray();
    }

    public ParameterExpression[] Parameters { get; }
    public string[] Names { get; }
    /// <summary>The same parameters in the form <c>RuleExpressionParser.Compile</c> takes.</summary>
    public RuleParameter[] RuleParameters { get; }

    /// <summary>Assignments of a frame's values (<paramref name="frame"/>, an <c>object[]</c>) to the parameters, each cast to its type.</summary>
    public IEnumerable<Expression> Unpack(ParameterExpression frame) => Parameters.Select((p, i) =>
        (Expression)Expression.Assign(p, Expression.Convert(Expression.ArrayIndex(frame, Expression.Constant(i)), p.Type)));
}
