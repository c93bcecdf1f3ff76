using LandQuality.Data;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Registry;

/// <summary>The population registry as a snapshot table imported from the police's export.</summary>
public sealed class PostgresPopulationRegistry(LandQualityDbContext db) : IPopulationRegistry
{
    public Task<PopulationRecord?> FindAsync(string idNumber, CancellationToken ct) =>
        db.PopulationRecords.AsNoTracking().FirstOrDefaultAsync(p => p.IdNumber == idNumber, ct);

    public async Task<IReadOnlyDictionary<string, PopulationRecord>> FindManyAsync(IReadOnlyCollection<string> idNumbers, CancellationToken ct)
    {
        var ids = idNumbers.Distinct(StringComparer.Ordinal).ToArray();
        var found = await db.PopulationRecords.AsNoTracking().Where(p => ids.Contains(p.IdNumber)).ToListAsync(ct);
        return found.ToDictionary(p => p.IdNumber, StringComparer.Ordinal);
    }
}
