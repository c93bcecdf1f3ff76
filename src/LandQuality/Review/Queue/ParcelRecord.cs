using LandQuality.Data;
using LandQuality.Parcels;
using LandQuality.Reference;
using LandQuality.Registry;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Queue;

/// <summary>
/// A parcel as a reviewer or auditor reads it, wherever it is shown (a task, the parcel's own page):
/// the land record, each owner beside the population registry, and the findings of the parcel's latest
/// evaluation, with ID numbers masked as the reader's role reads them (in the findings' details too, which
/// quote the values they found). <see cref="IdNumbers"/> are the owners' whole
/// ID numbers, for lookups only; they are never shown from here.
/// </summary>
/// <remarks>
/// Read as four statements of the caller's batch (<see cref="AddReads"/>, then <see cref="ReadAsync"/>), so a
/// case page costs one round trip whatever it shows: every reviewer's step reads one, hundreds of times a second.
/// </remarks>
public sealed record ParcelRecord(ParcelRecordView Record, List<OwnerView> Owners, List<FindingView> Findings, List<string> IdNumbers)
{
    /// <summary>The parcel on its own page: null when there is no such parcel.</summary>
    public static async Task<ParcelRecord?> LoadAsync(Database database, string parcelId, string role, CancellationToken ct)
    {
        await using var batch = database.Quick.CreateBatch();
        AddReads(batch, "$1", () => Value(parcelId));
        await using var r = await batch.ExecuteReaderAsync(ct);
        return await ReadAsync(r, role, ct);
    }

    /// <summary>
    /// The statements that read the parcel whose id <paramref name="parcelKey"/> gives (SQL over the command's parameters,
    /// which <paramref name="parameters"/> makes afresh for each statement).
    /// </summary>
    public static void AddReads(NpgsqlBatch batch, string parcelKey, Func<NpgsqlParameter> parameters)
    {
        batch.BatchCommands.Add(Of($"""
            SELECT p.parcel_id, p.commune_code, p.map_sheet, p.parcel_no, p.address, p.area_m2, p.legal_area_m2, p.land_use_term,
                   p.land_use_origin, p.updated_on, coalesce(btrim(p.geometry_wkt, E' \t\r\n'), '') <> '' AS has_geometry,
                   c.parcel_id IS NOT NULL AS has_certificate, c.serial, c.book_no, c.issued_on
            FROM parcels p LEFT JOIN certificates c ON c.parcel_id = p.parcel_id
            WHERE p.parcel_id = {parcelKey}
            """, parameters()));
        batch.BatchCommands.Add(Of($"SELECT seq, code, area_m2 FROM parcel_purposes WHERE parcel_id = {parcelKey} ORDER BY seq", parameters()));
        batch.BatchCommands.Add(Of($"""
            SELECT o.seq, o.full_name, o.birth_date, o.birth_year, o.gender, o.id_number, o.share,
                   r.id_number IS NOT NULL AS registered, r.full_name AS r_full_name, r.birth_date AS r_birth_date, r.gender AS r_gender,
                   r.permanent_address, r.status
            FROM owners o LEFT JOIN population_records r ON r.id_number = o.id_number
            WHERE o.parcel_id = {parcelKey} ORDER BY o.seq
            """, parameters()));
        // The current findings: those of the parcel's latest run (findings are keyed by run, then parcel).
        batch.BatchCommands.Add(Of($"""
            SELECT f.rule_name, f.dimension, f.severity, f.stage, f.message, f.is_rule_error, f.message_en, f.message_vi
            FROM parcel_status s JOIN findings f ON f.run_id = s.run_id AND f.parcel_id = s.parcel_id
            WHERE s.parcel_id = {parcelKey} ORDER BY f.rule_name
            """, parameters()));
    }

    /// <summary>Reads the four results of <see cref="AddReads"/>, the reader standing on the first; leaves it on the last.</summary>
    public static async Task<ParcelRecord?> ReadAsync(NpgsqlDataReader r, string role, CancellationToken ct)
    {
        string? mask(string? id) => Roles.MaskIdNumber(role, id);
        if (!await r.ReadAsync(ct))
        {
            for (var i = 0; i < 3; i++)
                await r.NextResultAsync(ct);
            return null;
        }
        var parcelId = r.GetString(0);
        var communeCode = r.GetString(1);
        var (mapSheet, parcelNo, address) = (r.GetValueOrNull<int>(2), r.GetValueOrNull<int>(3), r.GetStringOrNull(4));
        var (area, legalArea, term, origin) = (r.GetValueOrNull<decimal>(5), r.GetValueOrNull<decimal>(6), r.GetStringOrNull(7), r.GetStringOrNull(8));
        var (updatedOn, hasGeometry) = (r.GetValueOrNull<DateOnly>(9), r.GetBoolean(10));
        var certificate = r.GetBoolean(11) ? new CertificateView(r.GetStringOrNull(12), r.GetStringOrNull(13), r.GetValueOrNull<DateOnly>(14)) : null;

        await r.NextResultAsync(ct);
        var purposes = new List<PurposeView>();
        while (await r.ReadAsync(ct))
        {
            var code = r.GetString(1);
            purposes.Add(new PurposeView(r.GetInt32(0), code, ReferenceData.Current.LandUseCodes.GetValueOrDefault(code)?.NameVi, r.GetValueOrNull<decimal>(2)));
        }

        await r.NextResultAsync(ct);
        var owners = new List<OwnerView>();
        var ids = new List<string>();
        while (await r.ReadAsync(ct))
        {
            var owner = new Owner
            {
                ParcelId = parcelId, Seq = r.GetInt32(0), FullName = r.GetString(1), BirthDate = r.GetValueOrNull<DateOnly>(2),
                BirthYear = r.GetValueOrNull<int>(3), Gender = r.GetStringOrNull(4), IdNumber = r.GetStringOrNull(5), Share = r.GetValueOrNull<decimal>(6),
            };
            var registry = r.GetBoolean(7)
                ? new PopulationRecord
                {
                    IdNumber = owner.IdNumber!, FullName = r.GetString(8), BirthDate = r.GetValueOrNull<DateOnly>(9), Gender = r.GetStringOrNull(10),
                    PermanentAddress = r.GetStringOrNull(11), Status = r.GetString(12) == "deceased" ? LifeStatus.Deceased : LifeStatus.Alive,
                }
                : null;
            owners.Add(RegistryComparison.Compare(owner, registry, mask));
            if (owner.IdNumber is { } id && !ids.Contains(id))
                ids.Add(id);
        }

        await r.NextResultAsync(ct);
        var findings = new List<FindingView>();
        while (await r.ReadAsync(ct))
        {
            var message = r.GetString(4);
            findings.Add(new FindingView(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
                r.GetStringOrNull(7) ?? TaskDetails.FillPlaceholders(message), r.GetBoolean(5), r.GetStringOrNull(6) ?? TaskDetails.FillPlaceholders(message),
                Roles.MaskIdNumbersIn(role, TaskDetails.FillPlaceholders(message))));
        }

        var record = new ParcelRecordView(parcelId, communeCode, ReferenceData.Current.Communes.GetValueOrDefault(communeCode)?.Name,
            mapSheet, parcelNo, address, area, legalArea, purposes, term, origin, certificate, updatedOn, hasGeometry);
        return new ParcelRecord(record, owners, findings, ids);
    }
}
