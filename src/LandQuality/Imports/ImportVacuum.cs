using LandQuality.Interchange;
using Npgsql;

namespace LandQuality.Imports;

/// <summary>
/// The vacuum after an import has committed, and what it covers. Freshly written rows have no hint bits and no
/// visibility-map bits yet: otherwise autovacuum does that work later, at the same time as whatever runs next, and the
/// names-per-ID count, an index-only scan of the owners, visits the heap for every row until the visibility map is set.
/// Even a 1 % change clears the bit on most of the owners' pages, and that scan then costs the next run more than the
/// vacuum costs the import (docs/benchmarks.md).
/// </summary>
static class ImportVacuum
{
    /// <summary>
    /// After a change that staged few rows of every file (<see cref="StagedFile.FewStaged"/>), only the owners: the next
    /// evaluation reads the few changed parcels and registry records by key, through their rows, where the visibility map
    /// does not count; its one index-only scan of parcels (the shared keys) probes only the changed parcels' keys, and
    /// visits the heap for those alone. A vacuum after a small change scans every index of its table in full (the dead rows
    /// are spread over most pages), so those of parcels and of the registry would cost the import as much as the owners'
    /// for a small part of that in the next run; autovacuum comes to them later. After a larger change every table written
    /// is vacuumed and analysed: its statistics are no longer those the plans were made with.
    /// </summary>
    public static (IReadOnlyList<string> Tables, bool Analyze) Plan(IEnumerable<StagedFile> staged)
    {
        var merged = staged.Where(s => s.Staged > 0).ToList();
        var analyze = merged.Any(s => !s.FewStaged);
        var tables = merged.SelectMany(s => s.FileName switch
        {
            InterchangeFiles.Parcels when analyze => ["parcels", "certificates", "parcel_purposes"],
            InterchangeFiles.Owners => ["owners"],
            InterchangeFiles.Population when analyze => (string[])["population_records"],
            _ => [],
        }).ToList();
        return (tables, analyze);
    }

    public static async Task RunAsync(NpgsqlConnection conn, IEnumerable<StagedFile> staged, ImportPhases phases, CancellationToken ct)
    {
        var (tables, analyze) = Plan(staged);
        // One table at a time, each its own step: what each costs shows in the import's phases.
        foreach (var table in tables)
        {
            await using var cmd = new NpgsqlCommand($"VACUUM {(analyze ? "(ANALYZE) " : "")}{table}", conn);
            await cmd.ExecuteNonQueryAsync(ct);
            phases.Mark($"vacuum{(analyze ? " (analyze)" : "")} {table}");
        }
    }
}
