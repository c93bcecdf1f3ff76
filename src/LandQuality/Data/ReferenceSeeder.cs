using LandQuality.Reference;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Data;

/// <summary>
/// Loads the embedded reference data into PostgreSQL once per version. Versions are never rewritten:
/// a changed file ships under a new version label, and old versions stay readable.
/// </summary>
static class ReferenceSeeder
{
    public static async Task SeedAsync(Database database, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        const string version = ReferenceData.CurrentVersion;
        if (await db.ReferenceVersions.AnyAsync(v => v.Version == version, ct))
            return;

        var data = ReferenceData.Current;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ReferenceVersions.Add(new ReferenceVersion { Version = version, EffectiveFrom = ReferenceData.CurrentEffectiveFrom, LoadedAt = DateTimeOffset.UtcNow });
        db.Provinces.AddRange(data.Provinces.Select(p => new ProvinceRow { Version = version, Code = p.Code, Name = p.Name, DivisionType = p.DivisionType }));
        db.Communes.AddRange(data.Communes.Values.Select(c => new CommuneRow
            { Version = version, Code = c.Code, Name = c.Name, DivisionType = c.DivisionType, ProvinceCode = c.ProvinceCode }));
        db.CccdProvinceCodes.AddRange(data.CccdProvinceCodes.Values.Select(c => new CccdProvinceCodeRow { Version = version, Code = c.Code, Name = c.Name }));
        db.LandUseCodes.AddRange(data.LandUseCodes.Values.Select(c => new LandUseCodeRow
        {
            Version = version, Code = c.Code, Group = c.Group, NameVi = c.NameVi,
            IsLegacy = c.Status == LandUseStatus.Legacy, MapsTo = c.MapsTo,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
