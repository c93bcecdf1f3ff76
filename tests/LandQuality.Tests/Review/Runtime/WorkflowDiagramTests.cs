using LandQuality.Review.Runtime;
using Snapshooter.Xunit;

namespace LandQuality.Tests.Review.Runtime;

public class WorkflowDiagramTests
{
    [Fact]
    public void Default_workflow_diagram_matches_its_snapshot() => Snapshot.Match(WorkflowDiagram.Mermaid(WorkflowFiles.Default));

    [Fact]
    public void Diagram_shows_guarded_routes_and_decision_labels_in_either_language()
    {
        var vietnamese = WorkflowDiagram.Mermaid(WorkflowFiles.Default, vietnamese: true);

        Assert.Contains("    department --> police : Phê duyệt [needs_police]\n", vietnamese, StringComparison.Ordinal);
        Assert.Contains("    department --> reevaluate : Phê duyệt [otherwise]\n", vietnamese, StringComparison.Ordinal);
        Assert.Contains("    state \"Sở Nông nghiệp và Môi trường thẩm định\" as department\n", vietnamese, StringComparison.Ordinal);
    }
}
