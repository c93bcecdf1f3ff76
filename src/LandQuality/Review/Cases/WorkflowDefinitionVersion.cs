namespace LandQuality.Review.Cases;

/// <summary>
/// A stored workflow definition version (Elsa-style: stable id, immutable numbered versions). Cases
/// reference the exact version they started with, so publishing a new version never changes the
/// route of a case already under way. Shipped versions have no <see cref="CreatedBy"/>.
/// </summary>
public sealed class WorkflowDefinitionVersion
{
    public required string WorkflowId { get; init; }
    public int Version { get; init; }
    public required string Content { get; init; }
    public required string ContentHash { get; init; }
    public bool IsPublished { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Who added it with <c>lq workflows add</c>; null for a version shipped in <c>workflows/</c>.</summary>
    public string? CreatedBy { get; init; }
    public string? Note { get; init; }
    /// <summary>When and by whom it was last made the published version (the seeding names itself).</summary>
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
}

/// <summary>
/// One publish decision made by a person (<c>lq workflows publish</c>), kept for good: who made which
/// version the published one, when, and which one it replaced. Once a workflow has such a row,
/// the start-up seeding no longer chooses its published version.
/// </summary>
public sealed class WorkflowPublication
{
    public long Id { get; init; }
    public required string WorkflowId { get; init; }
    public int Version { get; init; }
    public int? PreviousVersion { get; init; }
    public required string PublishedBy { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
}
