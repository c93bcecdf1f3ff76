namespace LandQuality.Review.Cases;

/// <summary>
/// A stored workflow definition version (Elsa-style: stable id, immutable numbered versions). Cases
/// reference the exact version they started with, so publishing a new version never changes the
/// route of a case already under way.
/// </summary>
public sealed class WorkflowDefinitionVersion
{
    public required string WorkflowId { get; init; }
    public int Version { get; init; }
    public required string Content { get; init; }
    public required string ContentHash { get; init; }
    public bool IsPublished { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
