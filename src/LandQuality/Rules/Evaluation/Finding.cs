namespace LandQuality.Rules.Evaluation;

/// <summary>
/// One failed rule for one parcel. <see cref="Message"/> is RulesEngine's result message: the
/// rule's ErrorMessage with its <c>$(…)</c> values filled in, or, when <see cref="IsRuleError"/>,
/// the exception that stopped the rule (the rule, not the data, needs attention first).
/// </summary>
public sealed record Finding(string ParcelId, RuleMetadata Rule, string Message, bool IsRuleError)
{
    readonly string? _vi, _en;

    /// <summary>What people read: the rule's <c>message_vi</c>, its placeholders filled (a missing value reads "(trống)").</summary>
    public string MessageVi { get => _vi ?? (IsRuleError ? RuleErrorVi : Rule.MessageVi); init => _vi = value; }

    /// <summary>The rule's <c>message_en</c>, its placeholders filled.</summary>
    public string MessageEn { get => _en ?? (IsRuleError ? RuleErrorEn : Rule.MessageEn); init => _en = value; }

    const string RuleErrorVi = "Quy tắc không chạy được trên hồ sơ này (lỗi của quy tắc, không phải của dữ liệu); xem chi tiết kỹ thuật.";
    const string RuleErrorEn = "The rule could not be evaluated on this record (a fault of the rule, not of the data); see the technical detail.";

    public string Workflow => Rule.Workflow;
    public string RuleName => Rule.RuleName;
    public Dimension Dimension => Rule.Dimension;
    public Severity Severity => Rule.Severity;
    public ReviewStage Stage => Rule.Stage;
}
