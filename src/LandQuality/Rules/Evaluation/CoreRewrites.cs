using System.Linq.Expressions;

namespace LandQuality.Rules.Evaluation;

/// <summary>
/// What the compiler does to a parsed expression before compiling it: always put it under the
/// rule budget (<see cref="RuleBudgetMetering"/>), then apply the speed layers switched on. Every
/// rewrite keeps the expression's results and exceptions, within the budget.
/// </summary>
sealed class CoreRewrites(CoreLayers layers)
{
    readonly HelperMemo? _memo = (layers & CoreLayers.HelperMemo) != 0 ? new HelperMemo() : null;

    public bool Has(CoreLayers layer) => (layers & layer) == layer;

    /// <summary>The parsed expression as the core compiles it, into a predicate, scoped params or the screen.</summary>
    public Expression Prepare(Expression parsed)
    {
        parsed = RuleBudgetMetering.Apply(parsed);
        if (_memo is not null)
            parsed = _memo.Apply(parsed);
        return Has(CoreLayers.LambdaHoisting) ? LambdaHoisting.Apply(parsed) : parsed;
    }
}
