using System.Linq.Expressions;

namespace LandQuality.Rules.Evaluation;

/// <summary>
/// One workflow's rules decided in one call per parcel: every node that can say, as an expression,
/// whether it succeeds (<see cref="RuleNode.Decision"/>) is compiled with its neighbours into one
/// method that unpacks the frame once and returns a bit per rule that failed, with the exception of
/// each rule that threw. That is all a failing rule's finding needs (a node without local params
/// sees the workflow's frame), so no rule is evaluated a second time. Calling the rules one by one
/// instead costs a delegate call, an unpacking of the frame and an outcome per rule and parcel.
/// Rules with local params are not screened: they are evaluated in full.
/// </summary>
sealed class RuleScreen
{
    const int RulesPerCall = 64;

    delegate ulong Call(object[] args, ref Exception?[]? errors);

    readonly Call[] _calls;
    // Per rule: its bit among the screened rules, or -1 for a rule always evaluated in full.
    readonly int[] _bits;

    public RuleScreen(Scope scope, IReadOnlyList<RuleNode> nodes)
    {
        _bits = new int[nodes.Count];
        var screened = new List<Expression>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var decision = nodes[i].Scope == scope ? nodes[i].Decision : null;
            _bits[i] = decision is null ? -1 : screened.Count;
            if (decision is not null)
                screened.Add(decision);
        }
        var calls = new List<Call>();
        foreach (var chunk in screened.Chunk(RulesPerCall))
        {
            var call = TryCompile(scope, chunk, calls.Count * RulesPerCall, screened.Count);
            if (call is null)
            {
                // Not expected of expressions that each compiled on their own; those rules are then evaluated in full.
                for (var i = 0; i < _bits.Length; i++)
                    if (_bits[i] >= calls.Count * RulesPerCall)
                        _bits[i] = -1;
                break;
            }
            calls.Add(call);
        }
        _calls = calls.ToArray();
    }

    /// <summary>How many words <see cref="TryScreen"/> fills.</summary>
    public int Words => _calls.Length;

    /// <summary>
    /// Sets a bit in <paramref name="failed"/> for every screened rule that fails, and puts the exception
    /// of one that threw in <paramref name="errors"/> (created on the first, indexed by bit). False when
    /// the frame cannot be unpacked: then every rule is evaluated in full and reports that itself.
    /// </summary>
    public bool TryScreen(object?[] frame, Span<ulong> failed, ref Exception?[]? errors)
    {
        try
        {
            for (var i = 0; i < _calls.Length; i++)
                failed[i] = _calls[i](frame!, ref errors);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>The rule's bit among the screened rules; negative for a rule that is not screened.</summary>
    public int BitOf(int rule) => _bits[rule];

    public static bool IsSet(ReadOnlySpan<ulong> failed, int bit) => (failed[bit / RulesPerCall] & (1UL << (bit % RulesPerCall))) != 0;

    /// <summary>
    /// <c>(args, ref errors) =&gt; { unpack the frame; failed = 0; try { if (!decision₀) failed |= 1; } catch (Exception e) { failed |= 1; errors = Record(errors, first + 0, e); } …; return failed; }</c>
    /// </summary>
    static Call? TryCompile(Scope scope, Expression[] decisions, int first, int screened)
    {
        var args = Expression.Parameter(typeof(object[]), "args");
        var errors = Expression.Parameter(typeof(Exception[]).MakeByRefType(), "errors");
        var failed = Expression.Variable(typeof(ulong), "failed");
        var body = new List<Expression>();
        body.AddRange(scope.Unpack(args));
        body.Add(Expression.Assign(failed, Expression.Constant(0UL)));
        body.AddRange(decisions.Select((decision, bit) =>
        {
            var mark = Expression.OrAssign(failed, Expression.Constant(1UL << bit));
            var exception = Expression.Variable(typeof(Exception), "e");
            var record = Expression.Call(typeof(RuleScreen).GetMethod(nameof(Record), System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!,
                errors, Expression.Constant(first + bit), Expression.Constant(screened), exception);
            return (Expression)Expression.TryCatch(
                Expression.Block(typeof(void), Expression.IfThen(Expression.Not(decision), mark)),
                Expression.Catch(exception, Expression.Block(typeof(void), mark, Expression.Assign(errors, record))));
        }));
        body.Add(failed);
        try
        {
            return Expression.Lambda<Call>(Expression.Block(scope.Parameters.Append(failed), body), args, errors).Compile();
        }
        catch (Exception)
        {
            return null;
        }
    }

    static Exception?[] Record(Exception?[]? errors, int bit, int screened, Exception exception)
    {
        errors ??= new Exception?[screened];
        errors[bit] = exception;
        return errors;
    }
}
