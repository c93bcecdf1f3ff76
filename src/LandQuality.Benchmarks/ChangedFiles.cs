using System.Text;
using LandQuality.Interchange;

namespace LandQuality.Benchmarks;

/// <summary>
/// A copy of the interchange files with 1 % of each file's rows changed, as a daily re-export brings:
/// every 100th parcel row gets another <c>updated_on</c>, every 100th owner row and registry row another
/// full name (a middle name added). Every other byte stays as it was, so the import sees exactly these
/// rows change. Counts of changed rows per file.
/// </summary>
public sealed record ChangedFiles(long Parcels, long Owners, long Population)
{
    const int Every = 100;

    public static ChangedFiles Write(string sourceDir, string targetDir)
    {
        Directory.CreateDirectory(targetDir);
        var parcels = Rewrite(sourceDir, targetDir, InterchangeFiles.Parcels, ChangeLastField);
        var owners = Rewrite(sourceDir, targetDir, InterchangeFiles.Owners, ChangeSecondField);
        var population = Rewrite(sourceDir, targetDir, InterchangeFiles.Population, ChangeSecondField);
        return new ChangedFiles(parcels, owners, population);
    }

    /// <summary>The parcels' last column is updated_on, never quoted.</summary>
    static string ChangeLastField(string line) => line[..(line.LastIndexOf(',') + 1)] + "2026-12-01";

    /// <summary>The second column is full_name, written unquoted when it holds no comma or quote.</summary>
    static string? ChangeSecondField(string line)
    {
        var first = line.IndexOf(',');
        var second = first < 0 ? -1 : line.IndexOf(',', first + 1);
        if (second < 0 || line[first + 1] == '"')
            return null;
        return line[..second] + " Minh" + line[second..];
    }

    static long Rewrite(string sourceDir, string targetDir, string file, Func<string, string?> change)
    {
        var source = Path.Combine(sourceDir, file);
        var target = Path.Combine(targetDir, file);
        var utf8 = new UTF8Encoding(false);
        using var reader = new StreamReader(source, utf8);
        using var writer = new StreamWriter(target, false, utf8, 1 << 16) { NewLine = "\n" };
        writer.WriteLine(reader.ReadLine());
        long row = 0, changed = 0;
        // The generated files hold one record per line (no quoted line breaks), so lines are rows.
        while (reader.ReadLine() is { } line)
        {
            if (++row % Every == 0 && change(line) is { } altered)
            {
                writer.WriteLine(altered);
                changed++;
            }
            else
                writer.WriteLine(line);
        }
        return changed;
    }
}
