using System.Globalization;
using System.Reflection;

namespace LandQuality.Data;

/// <summary>
/// Versioned JSON files shipped in the repository as <c>&lt;folder&gt;/&lt;name&gt;/&lt;n&gt;.json</c> (rule sets,
/// workflows) and embedded in the library under a resource prefix, so they travel with the code.
/// </summary>
static class ShippedFiles
{
    /// <summary>(name, version, content) of every embedded file under <paramref name="prefix"/>, by name then version; files that are not numbered versions are skipped.</summary>
    public static List<(string Name, int Version, string Content)> Load(string prefix)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var list = new List<(string, int, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            // <prefix><name>/<n>.json: the folder separator survives in the logical name.
            var path = resource[prefix.Length..].Replace('\\', '/');
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !int.TryParse(Path.GetFileNameWithoutExtension(path[(slash + 1)..]), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            list.Add((path[..slash], version, reader.ReadToEnd()));
        }
        return list.OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Item2).ToList();
    }
}
