namespace LandQuality.Rules.Evaluation;

/// <summary>
/// One failed rule for one parcel. <see cref="Message"/> is RulesEngine's result message: the
/// rule's ErrorMessage with its <c>$(…)</c> values filled in, or, when <see cref="IsRuleError"/>,
/// the exception that stopped the rule (the rule, not the data, needs attention first).
/// </summary>
public sealed record Finding(string ParcelId, RuleMetadata Rule, string Message, bool IsRuleError)
{
    public string Workflow => Rule.Workflow;
    public string RuleName => Rule.RuleName;
    public Dimension Dimension => Rule.Dimension;
    public Severity Severity => Rule.Severity;
    public ReviewStage Stage => Rule.Stage;
}
