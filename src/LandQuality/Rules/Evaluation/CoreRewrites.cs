using System.Linq.Expressions;

namespace LandQuality.Rules.Evaluation;

/// <summary>
/// What the compiler does to a parsed expression before compiling it, by the layers switched on.
/// Every rewrite keeps the expression's results and exceptions.
/// </summary>
sealed class CoreRewrites(CoreLayers layers)
{
    readonly HelperMemo? _memo = (layers & CoreLayers.HelperMemo) != 0 ? new HelperMemo() : null;

    public bool Has(CoreLayers layer) => (layers & layer) == layer;

    /// <summary>The helpers' forms, before any other rewrite (the screen starts from this too).</summary>
    public Expression Helpers(Expression parsed) => _memo?.Apply(parsed) ?? parsed;

    /// <summary>An expression compiled into a delegate of its own: a predicate or scoped params.</summary>
    public Expression ForDelegate(Expression helpers) => Hoist(helpers);

    /// <summary>An expression compiled into the screen.</summary>
    public Expression ForScreen(Expression helpers) => Hoist(Has(CoreLayers.LoopInlining) ? LoopInlining.Apply(helpers) : helpers);

    Expression Hoist(Expression expression) =>
        Has(CoreLayers.LambdaHoisting) ? LambdaHoisting.Apply(expression) : expression;
}
