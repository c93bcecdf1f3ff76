using LandQuality.Data;
using LandQuality.Review.Queue;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Web.Pages.Parcels;

public sealed record FoundParcel(string ParcelId, string CommuneCode, int? MapSheet, int? ParcelNo, string? Address);

/// <summary>
/// Tra cứu thửa đất: by parcel id, by commune + map sheet + parcel number, by an owner's full name (as written, accents
/// included) or, role permitting, by an owner's whole ID number; only parcels in the reader's jurisdiction are found.
/// </summary>
public sealed class IndexModel(Database database) : PageModel
{
    const int Limit = 50;

    public string? Id { get; private set; }
    public string? Commune { get; private set; }
    public int? Sheet { get; private set; }
    public int? Number { get; private set; }
    public bool Searched { get; private set; }
    public IReadOnlyList<FoundParcel> Found { get; private set; } = [];

    public string? Owner { get; private set; }
    public string? IdNumber { get; private set; }

    /// <summary>Searching by a whole ID number is for those who may read whole ID numbers, and auditors, who trace complaints.</summary>
    public bool MaySearchById => Roles.SeesFullIdNumbers(HttpContext.Reviewer().Role) || HttpContext.Reviewer().Role == Roles.Auditor;

    public async Task OnGetAsync(string? id, string? commune, int? sheet, int? number, string? owner, string? idNumber, CancellationToken ct)
    {
        (Id, Commune, Sheet, Number) = (id?.Trim(), commune?.Trim(), sheet, number);
        Owner = string.IsNullOrWhiteSpace(owner) ? null : string.Join(' ', owner.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Normalize();
        IdNumber = MaySearchById && !string.IsNullOrWhiteSpace(idNumber) ? idNumber.Trim() : null;
        if (string.IsNullOrEmpty(Id) && (string.IsNullOrEmpty(Commune) || Sheet is null) && Owner is null && IdNumber is null)
            return;
        Searched = true;
        await using var db = database.CreateContext();
        var query = db.Parcels.AsNoTracking();
        query = !string.IsNullOrEmpty(Id) ? query.Where(p => p.ParcelId == Id)
            : IdNumber is not null ? query.Where(p => db.Owners.Any(o => o.ParcelId == p.ParcelId && o.IdNumber == IdNumber))
            : Owner is not null ? query.Where(p => db.Owners.Any(o => o.ParcelId == p.ParcelId && o.FullName == Owner))
            : query.Where(p => p.CommuneCode == Commune && p.MapSheet == Sheet && (Number == null || p.ParcelNo == Number));
        var reviewer = HttpContext.Reviewer();
        var found = await query.OrderBy(p => p.ParcelId).Take(Limit * 4)
            .Select(p => new FoundParcel(p.ParcelId, p.CommuneCode, p.MapSheet, p.ParcelNo, p.Address)).ToListAsync(ct);
        Found = found.Where(p => ParcelScope.MaySee(reviewer, p.CommuneCode)).Take(Limit).ToList();
    }
}
