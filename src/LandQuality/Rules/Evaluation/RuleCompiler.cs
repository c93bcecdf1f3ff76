using System.Linq.Dynamic.Core.Exceptions;
using System.Linq.Expressions;
using LandQuality.Rules.Authoring;
using LandQuality.Rules.Validation;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;

namespace LandQuality.Rules.Evaluation;

/// <summary>
/// Compiles RulesEngine rules into <see cref="RuleNode"/> trees with RulesEngine's own expression
/// parser, deciding each structural question (is it nested, which children count, what a parse
/// error does) the way RulesEngine 6.0.1's RuleCompiler decides it. Every expression that does not
/// compile is also reported to <paramref name="problems"/> with its position, for the checker.
/// </summary>
sealed class RuleCompiler(RuleExpressionParser parser, CoreRewrites rewrites, string workflow, ICollection<RuleProblem>? problems)
{
    static readonly ExpressionType[] NestedOperators =
        [ExpressionType.And, ExpressionType.AndAlso, ExpressionType.Or, ExpressionType.OrElse];

    /// <summary>Like RulesEngine, a scoped param that does not parse anywhere in the tree fails the whole top-level rule.</summary>
    public RuleNode CompileTopLevel(Rule rule, Scope scope)
    {
        try
        {
            return Compile(rule, scope, rule.RuleName);
        }
        catch (Exception ex)
        {
            return new FailedNode(rule.RuleName, scope, RuleErrors.WhileCompiling(rule.RuleName, ex.Message));
        }
    }

    /// <summary>
    /// RulesEngine's test for a nested rule: the operator parses as one of the four
    /// <see cref="ExpressionType"/> names — case-sensitively, so "andAlso" is not one — and the
    /// rule has child rules, enabled or not. Anything else is evaluated as an expression.
    /// </summary>
    public static bool IsNested(Rule rule, out bool all)
    {
        var nested = Enum.TryParse(rule.Operator, out ExpressionType op) && NestedOperators.Contains(op) && rule.Rules?.Any() == true;
        all = op is ExpressionType.And or ExpressionType.AndAlso;
        return nested;
    }

    /// <summary>RulesEngine only builds LambdaExpression rules; any other value fails the rule (or, for global params, the workflow) with this message.</summary>
    public static void RequireSupported(RuleExpressionType expressionType)
    {
        if (expressionType != RuleExpressionType.LambdaExpression)
            throw new InvalidOperationException("ruleExpressionType has not been supported yet.");
    }

    RuleNode Compile(Rule rule, Scope scope, string path)
    {
        ScopedParams? locals;
        try
        {
            locals = ScopedParams.Compile(parser, rewrites, rule.LocalParams, rule.RuleExpressionType, scope);
        }
        catch (ScopedParamCompileException ex)
        {
            Report(path, $"local param '{ex.Param.Name}': {ex.InnerException!.Message}", ex.Param.Expression, ex.InnerException);
            throw;
        }
        var inner = locals?.Inner ?? scope;
        if (IsNested(rule, out var all))
        {
            var children = rule.Rules.Where(c => c.Enabled).Select(c => Compile(c, inner, $"{path} › {c.RuleName}")).ToArray();
            return new NestedNode(rule.RuleName, locals, scope, children, all);
        }
        RequireSupported(rule.RuleExpressionType);
        try
        {
            var (predicate, screenBody) = CompilePredicate(rule.Expression, inner);
            return new ExpressionNode(rule.RuleName, locals, scope, predicate, screenBody);
        }
        catch (Exception ex)
        {
            Report(path, string.IsNullOrWhiteSpace(rule.Expression) ? "there is no Expression: RulesEngine fails this rule for every parcel." : ex.Message, rule.Expression, ex);
            return new ExpressionNode(rule.RuleName, locals, scope, RuleErrors.WhileParsing(rule.Expression, ex));
        }
    }

    /// <summary>
    /// What <c>RuleExpressionParser.Compile&lt;bool&gt;</c> builds — the parsed expression in a block
    /// that unpacks the frame into the parameters — once <see cref="ExpressionAllowList"/> has passed it,
    /// rewritten as <see cref="CoreRewrites"/> says; with that expression for <see cref="RuleScreen"/> to
    /// compile too, when it is on.
    /// </summary>
    (Func<object[], bool> Predicate, Expression? ScreenBody) CompilePredicate(string? expression, Scope scope)
    {
        var parsed = parser.Parse(expression, scope.Parameters, typeof(bool));
        ExpressionAllowList.Check(parsed);
        var body = rewrites.Prepare(parsed);
        var args = Expression.Parameter(typeof(object[]), "args");
        var predicate = Expression.Lambda<Func<object[], bool>>(Expression.Block(scope.Parameters, scope.Unpack(args).Append(body)), args).Compile();
        return (predicate, rewrites.Has(CoreLayers.RuleScreen) ? body : null);
    }

    /// <summary>A parse error naming something unknown also suggests the nearest known name ("did you mean `UpdatedOn`?").</summary>
    public void Report(string? path, string message, string? expression, Exception? ex) =>
        problems?.Add(new RuleProblem(ProblemLevel.Error, workflow, path,
            NameSuggestions.ForParseError(message) is { } name ? $"{message} (did you mean `{name}`?)" : message,
            expression, (ex as ParseException)?.Position));
}
