using System.Linq.Expressions;

namespace LandQuality.Rules.Evaluation;

/// <summary>
/// The result of one rule node for one parcel: <see cref="Error"/> is set when the node could not
/// be evaluated; <see cref="Frame"/> holds the values the rule saw (its local params included),
/// which its ErrorMessage template may name.
/// </summary>
readonly record struct Outcome(bool IsSuccess, string? Error, object?[] Frame);

/// <summary>
/// A compiled rule: its local params, then either an expression or nested rules. Each node
/// catches what its own evaluation throws, as RulesEngine's result trees do, so a failing child
/// only counts as false for its parent.
/// </summary>
abstract class RuleNode(string ruleName, ScopedParams? locals, Scope scope)
{
    protected string RuleName { get; } = ruleName;

    protected bool HasLocals => locals is not null;

    /// <summary>The scope the node's body sees: the outer one plus its local params.</summary>
    public Scope Scope { get; } = locals?.Inner ?? scope;

    public Outcome Evaluate(object?[] frame)
    {
        var inner = frame;
        if (locals is not null)
        {
            try
            {
                inner = locals.Extend(frame);
            }
            catch (Exception ex)
            {
                return new(false, RuleErrors.WhileExecutingLocalParams(RuleName, ex), frame);
            }
        }
        return Body(inner);
    }

    protected abstract Outcome Body(object?[] frame);

    /// <summary>
    /// A bool expression over the scope's parameters that is true exactly when <see cref="Evaluate"/>
    /// succeeds, and never throws; a nested node is decided from its children's. Null for a node that
    /// has local params or did not compile.
    /// </summary>
    public virtual Expression? Success => null;

    /// <summary>
    /// The expression <see cref="RuleScreen"/> decides a top-level rule with: true exactly when
    /// <see cref="Evaluate"/> succeeds; it throws exactly when <see cref="Evaluate"/> reports an
    /// exception, and that exception (<see cref="Failure"/> words it). Null when <see cref="Success"/> is.
    /// </summary>
    public virtual Expression? Decision => Success;

    /// <summary>
    /// What <see cref="Evaluate"/> gives for a node without local params that <see cref="Decision"/>
    /// found false (<paramref name="exception"/> null) or that threw.
    /// </summary>
    public Outcome Failure(object?[] frame, Exception? exception) =>
        new(false, exception is null ? null : RuleErrors.WhileExecuting(RuleName, exception), frame);
}

sealed class ExpressionNode : RuleNode
{
    readonly Func<object[], bool>? _predicate;
    readonly Expression? _decision;
    readonly Expression? _success;
    readonly string? _compileError;

    /// <summary><paramref name="screenBody"/>: the predicate's expression over the scope's parameters, for <see cref="RuleScreen"/> (null: never screened).</summary>
    public ExpressionNode(string ruleName, ScopedParams? locals, Scope scope, Func<object[], bool> predicate, Expression? screenBody)
        : base(ruleName, locals, scope)
    {
        _predicate = predicate;
        if (locals is null && screenBody is not null)
        {
            _decision = screenBody;
            // A throwing expression fails its rule, as Body does.
            _success = Expression.TryCatch(screenBody, Expression.Catch(typeof(Exception), Expression.Constant(false)));
        }
    }

    /// <summary>An expression that did not compile fails for every parcel, after its local params are evaluated.</summary>
    public ExpressionNode(string ruleName, ScopedParams? locals, Scope scope, string compileError)
        : base(ruleName, locals, scope) => _compileError = compileError;

    protected override Outcome Body(object?[] frame)
    {
        if (_predicate is null)
            return new(false, _compileError, frame);
        try
        {
            return new(_predicate(frame!), null, frame);
        }
        catch (Exception ex)
        {
            return new(false, RuleErrors.WhileExecuting(RuleName, ex), frame);
        }
    }

    public override Expression? Success => _success;

    public override Expression? Decision => _decision;
}

/// <summary>
/// And/AndAlso both mean "every child", Or/OrElse "any child": RulesEngine evaluates every child
/// either way (NestedRuleExecutionMode.All). No enabled child means failure.
/// </summary>
sealed class NestedNode(string ruleName, ScopedParams? locals, Scope scope, RuleNode[] children, bool all)
    : RuleNode(ruleName, locals, scope)
{
    protected override Outcome Body(object?[] frame)
    {
        if (children.Length == 0)
            return new(false, null, frame);
        var success = all;
        foreach (var child in children)
        {
            var childSuccess = child.Evaluate(frame).IsSuccess;
            success = all ? success && childSuccess : success || childSuccess;
        }
        return new(success, null, frame);
    }

    /// <summary>Every child evaluated (non-short-circuiting And/Or): each catches its own exceptions.</summary>
    public override Expression? Success =>
        HasLocals || children.Any(c => c.Success is null) ? null
        : children.Length == 0 ? Expression.Constant(false)
        : children.Select(c => c.Success!).Aggregate((a, b) => all ? Expression.And(a, b) : Expression.Or(a, b));
}

/// <summary>A top-level rule RulesEngine could not compile at all (a scoped param that does not parse, at any depth).</summary>
sealed class FailedNode(string ruleName, Scope scope, string error) : RuleNode(ruleName, null, scope)
{
    protected override Outcome Body(object?[] frame) => new(false, error, frame);
}
