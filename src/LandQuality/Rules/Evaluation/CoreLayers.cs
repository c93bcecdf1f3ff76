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
    /// <summary>Nested lambdas compiled once instead of at each evaluation (<see cref="LambdaHoisting"/>).</summary>
    LambdaHoisting = 2,
    /// <summary>Results of the costly pure helpers remembered (<see cref="HelperMemo"/>).</summary>
    HelperMemo = 4,
    All = RuleScreen | LambdaHoisting | HelperMemo,
}
