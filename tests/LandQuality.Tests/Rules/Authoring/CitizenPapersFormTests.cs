using LandQuality.Documents.Notices;
using LandQuality.Rules;
using LandQuality.Rules.Authoring;
using RulesEngine.Models;

namespace LandQuality.Tests.Rules.Authoring;

/// <summary>The papers chosen on the rule form are kept in the rule's properties, where the notices read them.</summary>
public sealed class CitizenPapersFormTests
{
    static RuleForm Form(params string[] papers) => new("đủ", "error", "commune", "Thiếu số phát hành.", "Serial missing.",
        Condition: new FieldCondition("CertificateSerial", ConditionOperator.Empty), CitizenPapers: papers);

    [Fact]
    public void The_chosen_papers_are_stored_once_each_and_read_back()
    {
        var rule = RuleFormBuilder.Build("serial_empty", Form(" survey", "certificate", "survey", ""), new Workflow { WorkflowName = "w" });

        Assert.Equal("survey,certificate", rule.Properties[RuleMetadata.CitizenPapersKey]);
        Assert.Equal(["survey", "certificate"], RuleMetadata.PapersOf(rule));
        Assert.Equal([CitizenPapers.Certificate, CitizenPapers.Survey],
            CitizenPapers.For("serial_empty", new Dictionary<string, IReadOnlyList<string>> { ["serial_empty"] = RuleMetadata.PapersOf(rule) }));
    }

    [Fact]
    public void No_papers_chosen_leaves_the_catalogue_to_decide()
    {
        var rule = RuleFormBuilder.Build("missing_certificate_serial", Form(), new Workflow { WorkflowName = "w" });

        Assert.False(rule.Properties.ContainsKey(RuleMetadata.CitizenPapersKey));
        Assert.Equal([CitizenPapers.Certificate], CitizenPapers.For("missing_certificate_serial", new Dictionary<string, IReadOnlyList<string>>()));
    }

    [Fact]
    public void An_unknown_paper_is_refused_by_name_in_both_languages()
    {
        var refused = Assert.Throws<ConditionRefusedException>(() =>
            RuleFormBuilder.Build("serial_empty", Form("passport"), new Workflow { WorkflowName = "w" }));

        Assert.Contains("\"passport\"", refused.Vi, StringComparison.Ordinal);
        Assert.Contains("\"passport\"", refused.En, StringComparison.Ordinal);
    }
}
