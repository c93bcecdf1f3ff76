using System.Globalization;
using System.Reflection;

namespace LandQuality.Review.Definitions;

/// <summary>
/// The workflow definitions shipped in the repository's <c>workflows/&lt;id&gt;/&lt;n&gt;.json</c>,
/// embedded in the library. Storing them is the database's business; this only reads them.
/// </summary>
public static class ShippedWorkflows
{
    const string Prefix = "LandQuality.ShippedWorkflows.";

    /// <summary>(workflow id, version, content) of every shipped file, by id then version.</summary>
    public static IReadOnlyList<(string Id, int Version, string Content)> All { get; } = Load();

    static List<(string, int, string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var list = new List<(string, int, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            // LandQuality.ShippedWorkflows.<id>/<n>.json; files that are not numbered versions (a schema) are skipped.
            var path = name[Prefix.Length..].Replace('\\', '/');
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !int.TryParse(Path.GetFileNameWithoutExtension(path[(slash + 1)..]), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            list.Add((path[..slash], version, reader.ReadToEnd()));
        }
        return list.OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Item2).ToList();
    }
}
