using System.Reflection;
using System.Runtime.InteropServices;

namespace LandQuality.Rules.Evaluation;

/// <summary>
/// <c>Enumerable.All</c> and <c>Any</c> for a predicate that reads one value from outside itself,
/// taken as an argument instead of captured: no closure and no delegate per evaluation (together
/// 128 bytes a parcel for <c>input1.Owners.All(o =&gt; … input1.EvaluatedOn …)</c>). Same results
/// and same exceptions as the LINQ methods: a null source throws their ArgumentNullException for
/// "source", lists and arrays are walked without an enumerator, the first deciding element stops.
/// </summary>
public static class EagerLinq
{
    /// <summary>The LINQ methods these stand in for: <c>Enumerable.All</c> and <c>Any</c> with a predicate.</summary>
    internal static readonly MethodInfo LinqAll = LinqPredicateMethod(nameof(Enumerable.All));
    internal static readonly MethodInfo LinqAny = LinqPredicateMethod(nameof(Enumerable.Any));

    static MethodInfo LinqPredicateMethod(string name) =>
        typeof(Enumerable).GetMethods().Single(m => m.Name == name && m.GetParameters().Length == 2);

    public static bool All<T, TFree>(IEnumerable<T> source, Func<TFree, T, bool> predicate, TFree free) =>
        !Finds(source, predicate, free, wanted: false);

    public static bool Any<T, TFree>(IEnumerable<T> source, Func<TFree, T, bool> predicate, TFree free) =>
        Finds(source, predicate, free, wanted: true);

    /// <summary>Whether some element gives <paramref name="wanted"/>; stops at the first.</summary>
    static bool Finds<T, TFree>(IEnumerable<T> source, Func<TFree, T, bool> predicate, TFree free, bool wanted)
    {
        ArgumentNullException.ThrowIfNull(source);
        var span = Span(source, out var rest);
        foreach (var item in span)
            if (predicate(free, item) == wanted)
                return true;
        if (rest is not null)
            foreach (var item in rest)
                if (predicate(free, item) == wanted)
                    return true;
        return false;
    }

    /// <summary>The elements of a list or array as a span; anything else comes back in <paramref name="rest"/>.</summary>
    static ReadOnlySpan<T> Span<T>(IEnumerable<T> source, out IEnumerable<T>? rest)
    {
        rest = null;
        if (source is T[] array)
            return array;
        if (source is List<T> list)
            return CollectionsMarshal.AsSpan(list);
        rest = source;
        return [];
    }
}
