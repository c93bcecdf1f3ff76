using LandQuality.Data;
using LandQuality.Reference;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Review.Queue;

/// <summary>
/// Which parcels a person may read: commune staff those of their commune; everyone at the province
/// (department, police, auditors, policy staff) those of the communes in their province. Anything
/// else is answered as if it did not exist.
/// </summary>
public static class ParcelScope
{
    public static bool IsCommuneRole(string role) => role is Roles.CommuneOfficer or Roles.CommuneSupervisor;

    public static bool MaySee(Reviewer reviewer, string communeCode) =>
        IsCommuneRole(reviewer.Role)
            ? communeCode == reviewer.Jurisdiction
            : ReferenceData.Current.Communes.TryGetValue(communeCode, out var commune) && commune.ProvinceCode == reviewer.Jurisdiction;

    /// <summary>Whether <paramref name="jurisdiction"/> is a place <paramref name="role"/> can hold: a commune for commune staff, a province otherwise.</summary>
    public static bool IsValidJurisdiction(string role, string jurisdiction) =>
        IsCommuneRole(role)
            ? ReferenceData.Current.Communes.ContainsKey(jurisdiction)
            : ReferenceData.Current.Communes.Values.Any(c => c.ProvinceCode == jurisdiction);

    /// <summary>Not found unless the parcel exists and is in the reviewer's jurisdiction: a parcel elsewhere is not disclosed.</summary>
    public static async Task RequireAsync(LandQualityDbContext db, Reviewer reviewer, string parcelId, CancellationToken ct)
    {
        var commune = await db.Parcels.AsNoTracking().Where(p => p.ParcelId == parcelId).Select(p => p.CommuneCode).SingleOrDefaultAsync(ct);
        if (commune is null || !MaySee(reviewer, commune))
            throw NotFound(parcelId);
    }

    /// <summary>One answer for a parcel that does not exist and one outside the jurisdiction.</summary>
    public static ReviewNotFoundException NotFound(string parcelId) => new($"There is no parcel {parcelId}.");
}
