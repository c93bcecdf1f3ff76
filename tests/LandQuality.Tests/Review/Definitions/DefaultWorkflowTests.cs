using LandQuality.Review.Definitions;

namespace LandQuality.Tests.Review.Definitions;

public class DefaultWorkflowTests
{
    [Fact]
    public void Default_campaign_workflow_loads_without_problems()
    {
        var load = WorkflowFile.Read(WorkflowFiles.DefaultPath);

        Assert.Empty(load.Problems);
        var definition = load.Definition!;
        Assert.Equal(("campaign-2025", 1, "commune"), (definition.Id, definition.Version, definition.InitialStage));
        Assert.Equal((new DateOnly(2025, 9, 1), new DateOnly(2025, 11, 30), new DateOnly(2025, 11, 15)),
            (definition.CampaignStart, definition.CampaignEnd, definition.CitizenDocumentsDue));
    }

    [Fact]
    public void Shipped_workflows_embed_the_repository_files()
    {
        var shipped = Assert.Single(ShippedWorkflows.All, w => w.Id == "campaign-2025" && w.Version == 1);

        Assert.Equal(File.ReadAllText(WorkflowFiles.DefaultPath), shipped.Content);
        Assert.All(ShippedWorkflows.All, w => Assert.Empty(WorkflowFile.Parse(w.Content).Problems));
    }

    [Theory]
    [InlineData("commune", "commune_officer", Jurisdiction.Commune, 14, 3, "commune_supervisor")]
    [InlineData("department", "department_reviewer", Jurisdiction.Province, 7, 3, "department_supervisor")]
    [InlineData("police", "police_officer", Jurisdiction.Province, 10, 5, "police_supervisor")]
    public void Human_stages_say_who_takes_them_and_when_they_escalate(
        string id, string role, Jurisdiction jurisdiction, int dueDays, int escalateAfterDays, string supervisor)
    {
        var stage = WorkflowFiles.Default.Stage(id)!;

        Assert.Equal((role, jurisdiction, dueDays, escalateAfterDays, supervisor),
            (stage.Role, stage.Jurisdiction, stage.DueDays, stage.EscalateAfterDays, stage.EscalateToRole));
        var created = new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.FromHours(7));
        Assert.Equal(created.AddDays(dueDays), stage.DueAt(created));
        Assert.Equal(created.AddDays(dueDays + escalateAfterDays), stage.EscalateAt(created));
    }

    [Fact]
    public void Parking_decisions_need_a_reason_and_corrections_come_with_the_commune_submission()
    {
        var commune = WorkflowFiles.Default.Stage("commune")!;

        Assert.True(commune.Decision("submit_corrections") is { AllowsCorrections: true, AllowsAttachments: true, RequiresReason: false });
        Assert.True(commune.Decision("needs_rebuild") is { RequiresReason: true });
        Assert.True(commune.Decision("disputed") is { RequiresReason: true });
        Assert.Equal(["verified", "parked_rebuild", "parked_disputed"], WorkflowFiles.Default.Stages.Where(s => s.IsTerminal).Select(s => s.Id));
    }
}
