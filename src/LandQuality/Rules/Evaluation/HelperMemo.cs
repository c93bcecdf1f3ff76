using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using LandQuality.Rules.Helpers;

namespace LandQuality.Rules.Evaluation;

/// <summary>
/// Remembers the results of the helpers that cost microseconds a call: the name helpers (Unicode
/// decomposition per letter), whose names come back again and again — one owner appears on each
/// of a household's parcels, several rules ask about the same pair of names — and the WKT area,
/// which two rules read for each parcel. The helpers are pure functions of their strings, so a
/// remembered result is exactly the result a call would give: the fast path stays identical to
/// RulesEngine's evaluation. The last few calls are checked first by reference (the same string
/// objects: one parcel's rules asking the same question), before the content-keyed table. A WKT
/// string never comes back on another parcel, so the area only uses that first check: hashing a
/// long polygon to look it up costs about as much as reading it.
/// </summary>
sealed class HelperMemo
{
    const int MaxEntriesPerThread = 1 << 16;

    // IsNormalized is not: it decides almost every name from a table of plain letters (PlainLetters)
    // in less time than a memo lookup takes.
    static bool IsMemoised(MethodInfo method) =>
        (method.DeclaringType == typeof(VietnameseName) && method.Name != nameof(VietnameseName.IsNormalized))
        || method == typeof(Areas).GetMethod(nameof(Areas.PolygonArea));

    /// <summary>Rewrites calls to those helpers (one or two string arguments) into cached calls.</summary>
    public Expression Apply(Expression expression) => new Rewriter(_functions).Visit(expression);

    /// <summary>
    /// One delegate per helper, shared by every call site of every rule of one compiled rule set: the
    /// caches compare functions by reference, so two of its rules asking the same helper about the same
    /// names share an entry, and two rule sets compiled apart (a draft beside the published version)
    /// never read each other's entries.
    /// </summary>
    readonly ConcurrentDictionary<MethodInfo, Delegate> _functions = new();

    sealed class Rewriter(ConcurrentDictionary<MethodInfo, Delegate> functions) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var visited = (MethodCallExpression)base.VisitMethodCall(node);
            var method = visited.Method;
            if (!IsMemoised(method) || !method.IsStatic
                || method.GetParameters() is not { Length: 1 or 2 } parameters || parameters.Any(p => p.ParameterType != typeof(string)))
                return visited;
            var cache = typeof(Cache<>).MakeGenericType(method.ReturnType);
            var second = visited.Arguments.Count == 2 ? visited.Arguments[1] : Expression.Constant(null, typeof(string));
            var function = functions.GetOrAdd(method, m => m.GetParameters().Length == 2
                ? m.CreateDelegate(typeof(Func<,,>).MakeGenericType(typeof(string), typeof(string), m.ReturnType))
                : WrapUnary(m));
            var lookup = method.DeclaringType == typeof(Areas) ? nameof(Cache<int>.GetRecent) : nameof(Cache<int>.Get);
            return Expression.Call(cache.GetMethod(lookup)!, Expression.Constant(function), visited.Arguments[0], second);
        }

        static Delegate WrapUnary(MethodInfo method)
        {
            var a = Expression.Parameter(typeof(string), "a");
            var b = Expression.Parameter(typeof(string), "b");
            var type = typeof(Func<,,>).MakeGenericType(typeof(string), typeof(string), method.ReturnType);
            return Expression.Lambda(type, Expression.Call(method, a), a, b).Compile();
        }
    }

    /// <summary>
    /// One cache per thread and result type: the last <see cref="RecentCalls"/> calls compared by
    /// reference, then a table keyed by the function and its arguments, emptied when full.
    /// </summary>
    static class Cache<TResult>
    {
        const int RecentCalls = 8;

        [ThreadStatic]
        static Dictionary<Key, TResult>? t_entries;

        [ThreadStatic]
        static Call[]? t_recent;

        [ThreadStatic]
        static int t_next;

        public static TResult Get(Func<string?, string?, TResult> function, string? a, string? b)
        {
            var recent = t_recent ??= new Call[RecentCalls];
            if (Find(recent, function, a, b, out var result))
                return result;
            var entries = t_entries ??= [];
            var key = new Key(function, a, b);
            if (!entries.TryGetValue(key, out result))
            {
                if (entries.Count >= MaxEntriesPerThread)
                    entries.Clear();
                result = function(a, b);
                entries[key] = result;
            }
            Remember(recent, function, a, b, result);
            return result;
        }

        /// <summary>Only the recent calls: for arguments that never repeat on another parcel.</summary>
        public static TResult GetRecent(Func<string?, string?, TResult> function, string? a, string? b)
        {
            var recent = t_recent ??= new Call[RecentCalls];
            if (Find(recent, function, a, b, out var result))
                return result;
            result = function(a, b);
            Remember(recent, function, a, b, result);
            return result;
        }

        static bool Find(Call[] recent, object function, string? a, string? b, out TResult result)
        {
            foreach (ref readonly var call in recent.AsSpan())
                if (ReferenceEquals(call.Function, function) && ReferenceEquals(call.A, a) && ReferenceEquals(call.B, b))
                {
                    result = call.Result;
                    return true;
                }
            result = default!;
            return false;
        }

        static void Remember(Call[] recent, object function, string? a, string? b, TResult result)
        {
            recent[t_next] = new Call(function, a, b, result);
            t_next = (t_next + 1) % RecentCalls;
        }

        readonly record struct Call(object? Function, string? A, string? B, TResult Result);
    }

    /// <summary>
    /// The function by reference (one delegate per helper), the names by content: Delegate.Equals,
    /// which a tuple would call, inspects the delegates' methods on every lookup.
    /// </summary>
    readonly struct Key(object function, string? a, string? b) : IEquatable<Key>
    {
        readonly object _function = function;
        readonly string? _a = a;
        readonly string? _b = b;

        public bool Equals(Key other) =>
            ReferenceEquals(_function, other._function) && string.Equals(_a, other._a, StringComparison.Ordinal) && string.Equals(_b, other._b, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(_function), _a, _b);
    }
}
