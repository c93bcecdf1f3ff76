namespace LandQuality.Rules.Evaluation;

/// <summary>
/// The optional parts of the compiled core, on by default. Each only makes evaluation faster: with
/// any of them off the findings are the same, which the differential test checks for every one.
/// They are switches so that <c>lq bench evaluate --core-only</c> can measure what each buys.
/// </summary>
[Flags]
public enum CoreLayers
{
    None = 0,
    /// <summary>A workflow's rules decided in one compiled call per parcel (<see cref="RuleScreen"/>).</summary>
    RuleScreen = 1,
    /// <summary>All/Any over arrays and lists written out as loops in the screen (<see cref="LoopInlining"/>).</summary>
    LoopInlining = 2,
    /// <summary>All/Any whose predicate reads one outer value called with that value as an argument (<see cref="EagerLinq"/>).</summary>
    EagerLinq = 4,
    /// <summary>Nested lambdas compiled once instead of at each evaluation (<see cref="LambdaHoisting"/>).</summary>
    LambdaHoisting = 8,
    /// <summary>Results of the costly pure helpers remembered (<see cref="HelperMemo"/>).</summary>
    HelperMemo = 16,
    /// <summary>The WKT area's shoelace in integers when a ring's coordinates allow it (<see cref="Helpers.Areas"/>).</summary>
    IntegerShoelace = 32,
    All = RuleScreen | LoopInlining | EagerLinq | LambdaHoisting | HelperMemo | IntegerShoelace,
}
