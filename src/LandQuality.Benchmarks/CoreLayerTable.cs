using System.Globalization;
using LandQuality.Rules.Evaluation;

namespace LandQuality.Benchmarks;

/// <summary>
/// What each layer of the core buys, from passes of <see cref="CoreBenchmark"/> over
/// <see cref="CoreBenchmark.EachLayerOff"/>: per variant the median rate over the passes, and the
/// layer's contribution, the core's rate with every layer over its rate without this one, less 1,
/// taken within each pass (the two ran on the same batches side by side) and then the median.
/// </summary>
public static class CoreLayerTable
{
    public static string ToMarkdown(IReadOnlyList<CoreComparison> passes)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            "| core | parcels/s, median (range) | CPU µs a parcel | contribution of the layer | × RulesEngine loop | same findings |",
            "|---|---:|---:|---:|---:|---|",
        };
        for (var v = 0; v < passes[0].Cores.Count; v++)
        {
            var runs = passes.Select(p => p.Cores[v]).ToList();
            var rates = runs.Select(r => r.Rate).ToList();
            var layer = passes[0].Cores[v].Layers;
            var contribution = layer == CoreLayers.All ? "" : Median(passes.Select(p => p.CoreRate / p.Cores[v].Rate - 1)).ToString("+0.0 %;-0.0 %", inv);
            lines.Add(string.Create(inv,
                $"| {(layer == CoreLayers.All ? "every layer" : "without " + (CoreLayers.All & ~layer))} | {Median(rates):N0} ({rates.Min():N0}–{rates.Max():N0}) | " +
                $"{Median(runs.Select(r => r.CpuMicrosecondsPerParcel)):F2} | {contribution} | {Median(passes.Select(p => p.Speedup(p.Cores[v]))):F1}× | " +
                $"{(runs.All(r => r.SameResults) ? "yes" : "NO")} |"));
        }
        var reference = passes.Select(p => p.ReferenceRate).ToList();
        lines.Add("");
        lines.Add(string.Create(inv,
            $"{passes.Count} pass(es) over {passes[0].CoreParcels:N0} parcels each; RulesEngine loop {Median(reference):N0} parcels/s ({reference.Min():N0}–{reference.Max():N0}) on {passes[0].ReferenceParcels:N0} of them."));
        return string.Join('\n', lines);
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
