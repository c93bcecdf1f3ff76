using LandQuality.Data;
using LandQuality.Parcels;
using LandQuality.Reference;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Review.Queue;

/// <summary>
/// A parcel as a reviewer or auditor reads it, wherever it is shown (a task, the parcel's own page):
/// the land record, each owner beside the population registry, and the findings of the parcel's latest
/// evaluation, with ID numbers masked as the reader's role reads them (in the findings' details too, which
/// quote the values they found). <see cref="IdNumbers"/> are the owners' whole
/// ID numbers, for lookups only; they are never shown from here.
/// </summary>
public sealed record ParcelRecord(Parcel Parcel, ParcelRecordView Record, List<OwnerView> Owners, List<FindingView> Findings, List<string> IdNumbers)
{
    public static async Task<ParcelRecord> LoadAsync(LandQualityDbContext db, string parcelId, string role, CancellationToken ct)
    {
        string? mask(string? id) => Roles.MaskIdNumber(role, id);
        var parcel = await db.Parcels.AsNoTracking().SingleAsync(p => p.ParcelId == parcelId, ct);
        var purposes = await db.ParcelPurposes.AsNoTracking().Where(p => p.ParcelId == parcelId).OrderBy(p => p.Seq).ToListAsync(ct);
        var certificate = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.ParcelId == parcelId, ct);
        var owners = await db.Owners.AsNoTracking().Where(o => o.ParcelId == parcelId).OrderBy(o => o.Seq).ToListAsync(ct);
        var ids = owners.Select(o => o.IdNumber).OfType<string>().Distinct().ToList();
        var registry = await db.PopulationRecords.AsNoTracking().Where(r => ids.Contains(r.IdNumber)).ToDictionaryAsync(r => r.IdNumber, ct);
        // The current findings: those of the parcel's latest run (findings are keyed by run, then parcel).
        var findings = await db.ParcelStatuses.AsNoTracking().Where(s => s.ParcelId == parcelId)
            .Join(db.Findings, s => new { s.RunId, s.ParcelId }, f => new { f.RunId, f.ParcelId }, (s, f) => f)
            .OrderBy(f => f.RuleName).ToListAsync(ct);

        var record = new ParcelRecordView(parcel.ParcelId, parcel.CommuneCode, ReferenceData.Current.Communes.GetValueOrDefault(parcel.CommuneCode)?.Name,
            parcel.MapSheet, parcel.ParcelNo, parcel.Address, parcel.AreaM2, parcel.LegalAreaM2,
            purposes.Select(p => new PurposeView(p.Seq, p.Code, ReferenceData.Current.LandUseCodes.GetValueOrDefault(p.Code)?.NameVi, p.AreaM2)).ToList(),
            parcel.LandUseTerm, parcel.LandUseOrigin,
            certificate is null ? null : new CertificateView(certificate.Serial, certificate.BookNo, certificate.IssuedOn),
            parcel.UpdatedOn, !string.IsNullOrWhiteSpace(parcel.GeometryWkt));
        return new ParcelRecord(parcel, record,
            owners.Select(o => RegistryComparison.Compare(o, o.IdNumber is { } id ? registry.GetValueOrDefault(id) : null, mask)).ToList(),
            findings.Select(f => new FindingView(f.RuleName, f.Dimension, f.Severity, f.Stage, f.MessageVi ?? TaskDetails.FillPlaceholders(f.Message),
                f.IsRuleError, f.MessageEn ?? TaskDetails.FillPlaceholders(f.Message), Roles.MaskIdNumbersIn(role, TaskDetails.FillPlaceholders(f.Message)))).ToList(),
            ids);
    }
}
