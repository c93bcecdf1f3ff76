namespace LandQuality.Rules.Authoring;

/// <summary>
/// A rule the editor will not store: a condition whose types do not fit, or an expression that does not
/// compile or reaches past the allow-list. The message is Vietnamese, then English; <see cref="Position"/>
/// is the 0-based character of the expression where the parser stopped, when it says.
/// </summary>
public sealed class ConditionRefusedException(string vi, string en, string? expression = null, int? position = null)
    : Exception($"{vi} — {en}")
{
    public string Vi { get; } = vi;
    public string En { get; } = en;
    public string? Expression { get; } = expression;
    public int? Position { get; } = position;
}
