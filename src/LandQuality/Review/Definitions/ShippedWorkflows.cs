using LandQuality.Data;

namespace LandQuality.Review.Definitions;

/// <summary>
/// The workflow definitions shipped in the repository's <c>workflows/&lt;id&gt;/&lt;n&gt;.json</c>,
/// embedded in the library. Storing them is the database's business; this only reads them.
/// </summary>
public static class ShippedWorkflows
{
    const string Prefix = "LandQuality.ShippedWorkflows.";

    /// <summary>(workflow id, version, content) of every shipped file, by id then version.</summary>
    public static IReadOnlyList<(string Id, int Version, string Content)> All { get; } = ShippedFiles.Load(Prefix);
}
