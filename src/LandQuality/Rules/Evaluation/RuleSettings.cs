using LandQuality.Rules.Facts;
using LandQuality.Rules.Helpers;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;

namespace LandQuality.Rules.Evaluation;

/// <summary>
/// The one RulesEngine configuration LandQuality uses, shared by the fast path, the reference
/// evaluator and the checker so that an expression means the same thing everywhere. Everything
/// else stays at RulesEngine's defaults, which the fast path reproduces: an exception makes the
/// rule fail with its message (EnableExceptionAsErrorMessage, not IgnoreException), ErrorMessage
/// templates are formatted, nested rules evaluate every child (NestedRuleExecutionMode.All),
/// scoped params are on and identifiers are case-insensitive.
/// </summary>
public static class RuleSettings
{
    /// <summary>The input's name in expressions: RulesEngine names the first input <c>input1</c>.</summary>
    public const string InputName = "input1";

    /// <summary>Settings for a <see cref="RulesEngine.RulesEngine"/>; it registers the input type itself (AutoRegisterInputType).</summary>
    public static ReSettings Create() => new() { CustomTypes = RuleHelpers.CustomTypes };

    /// <summary>
    /// A parser that sees the types a RulesEngine instance sees once it has registered
    /// <see cref="ParcelFacts"/> as the input type.
    /// </summary>
    public static RuleExpressionParser CreateParser() =>
        new(new ReSettings { CustomTypes = [.. RuleHelpers.CustomTypes, typeof(ParcelFacts)] });
}
