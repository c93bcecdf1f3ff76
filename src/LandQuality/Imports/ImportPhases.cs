using System.Diagnostics;

namespace LandQuality.Imports;

/// <summary>Wall-clock seconds of one step of an import, for the benchmark's breakdown.</summary>
public readonly record struct ImportPhase(string Name, double Seconds);

/// <summary>
/// Times the steps of one import as they run, in order. The benchmark prints them, so that where the
/// time goes is measured on every run rather than guessed.
/// </summary>
sealed class ImportPhases
{
    readonly List<ImportPhase> _phases = [];
    readonly Stopwatch _clock = Stopwatch.StartNew();

    public IReadOnlyList<ImportPhase> All => _phases;

    /// <summary>Records the time since the previous mark (or the start) under <paramref name="name"/>.</summary>
    public void Mark(string name)
    {
        _phases.Add(new ImportPhase(name, _clock.Elapsed.TotalSeconds));
        _clock.Restart();
    }
}
