using System.Text;

namespace LandQuality.Benchmarks;

/// <summary>
/// docs/benchmarks.md is written by the bench commands: each owns one section, delimited by marker
/// comments, and replaces it whole, so figures in the file are always from the last run of the code.
/// </summary>
public static class BenchmarkReport
{
    public static void WriteSection(string path, string section, string markdown)
    {
        var begin = $"<!-- bench:{section}:begin -->";
        var end = $"<!-- bench:{section}:end -->";
        var block = $"{begin}\n{markdown.TrimEnd()}\n{end}";
        var text = File.Exists(path)
            ? File.ReadAllText(path)
            : "# Benchmarks\n\nWritten by `./lq bench …`; each section is replaced by the command that owns it. " +
              "Machine: the project's 2-core, 24 GiB machine unless a section says otherwise.\n";
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        var stop = text.IndexOf(end, StringComparison.Ordinal);
        text = start >= 0 && stop > start
            ? text[..start] + block + text[(stop + end.Length)..]
            : text.TrimEnd() + "\n\n" + block + "\n";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }
}
