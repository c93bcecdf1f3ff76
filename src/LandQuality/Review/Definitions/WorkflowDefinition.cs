namespace LandQuality.Review.Definitions;

/// <summary>A text shown to people in Vietnamese and in English.</summary>
public sealed record LocalizedText
{
    public string Vi { get; init; } = "";
    public string En { get; init; } = "";
}

/// <summary>
/// One immutable version of a review workflow (repository <c>workflows/&lt;id&gt;/&lt;version&gt;.json</c>).
/// Draft/published status belongs to the stored copy, not to the file; a case stays pinned to the
/// (id, version) it started with, so a new version never reroutes cases already in flight.
/// </summary>
public sealed record WorkflowDefinition
{
    public string Id { get; init; } = "";
    public int Version { get; init; }
    public LocalizedText Name { get; init; } = new();

    public DateOnly? CampaignStart { get; init; }
    public DateOnly? CampaignEnd { get; init; }
    /// <summary>The last day citizens may hand in documents (certificate, ID card) to the commune.</summary>
    public DateOnly? CitizenDocumentsDue { get; init; }

    /// <summary>Where every case of this workflow starts; findings steer it further through guards.</summary>
    public string InitialStage { get; init; } = "";
    public IReadOnlyList<StageDefinition> Stages { get; init; } = [];

    /// <summary>The stage with this id, or null. Definitions hold a handful of stages, so a scan is enough.</summary>
    public StageDefinition? Stage(string id) => Stages.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));
}
