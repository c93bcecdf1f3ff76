using System.Globalization;
using LandQuality.Audit;
using LandQuality.Data;
using LandQuality.Reference;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Documents.AuditExtracts;

/// <summary>
/// <c>lq report audit PARCEL</c>: the parcel's full history as <see cref="ParcelHistory"/> tells it, with the result of the
/// integrity check of that parcel (<see cref="AuditVerifier"/>: its chain, the rows that name it, its fields against the
/// state its chain last recorded). Times in Vietnam time, dd/MM/yyyy HH:mm:ss.
/// </summary>
public sealed class AuditExtractSource(Database database)
{
    /// <param name="stepName">The kind of a step in the extract's language (the web's wording); null: the stored kind.</param>
    /// <exception cref="InvalidOperationException">There is no such parcel.</exception>
    /// <param name="maskFor">The reader's role: ID numbers in the steps' text masked as that role reads them (null: whole, for the CLI).</param>
    public async Task<AuditExtract> LoadAsync(string parcelId, string lang, HistoryWords? words, Func<string, string>? stepName, DateTimeOffset now,
        CancellationToken ct, string? maskFor = null)
    {
        var lines = await ParcelHistory.LoadAsync(database, parcelId, ct, lang, maskFor, words);
        var check = await AuditVerifier.VerifyAsync(database.DataSource, new VerifyOptions { Parcel = parcelId }, ct);
        await using var db = database.CreateContext();
        var parcel = await db.Parcels.AsNoTracking().SingleAsync(p => p.ParcelId == parcelId, ct);
        var head = await db.AuditEvents.AsNoTracking().Where(e => e.ParcelId == parcelId).OrderByDescending(e => e.Seq)
            .Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(ct);
        var commune = ReferenceData.Current.Communes.TryGetValue(parcel.CommuneCode, out var c) ? c.Name : parcel.CommuneCode;
        return new AuditExtract(lang, parcelId, parcel.CommuneCode, commune, Number(parcel.MapSheet), Number(parcel.ParcelNo), parcel.Address,
            Time(now), check.Intact, check.Events,
            check.Breaks.Select(b => (b.Seq > 0 ? (lang == "en" ? $"entry {b.Seq}: " : $"bước {b.Seq}: ") : "") + b.Problem).ToList(),
            head is null ? null : $"{head.Seq} · {head.Hash}",
            lines.Select(l => new AuditExtractEntry(Number(l.Seq), Time(l.At), l.Actor, stepName?.Invoke(l.Kind) ?? l.Kind, l.Details)).ToList());
    }

    static string? Number(int? n) => n?.ToString(CultureInfo.InvariantCulture);

    static string Time(DateTimeOffset at) => VietnamTime.Format(at, "dd/MM/yyyy HH:mm:ss");
}
