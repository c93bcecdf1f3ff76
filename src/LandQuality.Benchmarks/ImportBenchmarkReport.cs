using System.Globalization;
using System.Text;

namespace LandQuality.Benchmarks;

/// <summary>The import section of docs/benchmarks.md: each import beside its raw COPY, then where each one's time went.</summary>
public static partial class ImportBenchmark
{
    public static string ToMarkdown(ImportBenchmarkResult r, string command)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(c, $"## Import (`{command}`)").AppendLine();
        md.AppendLine(c, $"{r.Parcels:N0} parcels, {r.Owners:N0} owners, {r.Population:N0} registry records (generated Huế data), " +
                         $"measured {DateTime.UtcNow:yyyy-MM-dd} in one run, load average at the end {LoadAverage()}.").AppendLine();
        md.AppendLine("| load | raw COPY, s | `lq import`, s | × raw COPY | goal | rows new / changed | history entries |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        Row(md, r.First, "≤ 3×");
        Row(md, r.Unchanged, "≤ 1.5×");
        Row(md, r.Changed, "≤ 1.5×");
        md.AppendLine();
        md.AppendLine("- Raw COPY: the files' text sent as it is to a server-side CSV `COPY` into unindexed text tables (no checks; the floor), " +
                      "run just before each import on the files it imports.");
        md.AppendLine(c, $"- 1 % changed: a copy of the files where every 100th row differs — {r.ChangedFiles.Parcels:N0} parcel rows " +
                         $"(`updated_on`), {r.ChangedFiles.Owners:N0} owner rows and {r.ChangedFiles.Population:N0} registry rows (full name).");
        md.AppendLine(c, $"- Peak working set of the importing process: {r.PeakWorkingSetBytes / 1048576.0:F0} MiB.");
        md.AppendLine().AppendLine("Where each import's time went (wall clock, s; steps in the order they ran):").AppendLine();
        md.AppendLine("| step | first import | nothing changed | 1 % changed |");
        md.AppendLine("|---|---:|---:|---:|");
        var steps = r.First.Phases.Select(p => p.Name).Concat(r.Unchanged.Phases.Select(p => p.Name))
            .Concat(r.Changed.Phases.Select(p => p.Name)).Distinct();
        foreach (var step in steps)
            md.AppendLine(c, $"| {step} | {Seconds(r.First, step)} | {Seconds(r.Unchanged, step)} | {Seconds(r.Changed, step)} |");
        return md.ToString();
    }

    static void Row(StringBuilder md, ImportRun run, string goal) => md.AppendLine(CultureInfo.InvariantCulture,
        $"| {run.Name} | {run.RawCopySeconds:F1} | {run.Seconds:F1} | **{run.Ratio:F2}** | {goal} | {run.Inserted:N0} / {run.Updated:N0} | {run.HistoryEntries:N0} |");

    static string Seconds(ImportRun run, string step) =>
        run.Phases.Where(p => p.Name == step).Select(p => p.Seconds).DefaultIfEmpty(double.NaN).Sum() is var s && double.IsNaN(s)
            ? "" : s.ToString("F2", CultureInfo.InvariantCulture);

    static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
