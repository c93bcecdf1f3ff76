using LandQuality.Data;
using LandQuality.Rules.Helpers;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Queue;

/// <summary>
/// The other parcels behind a cross-record finding of the case's parcel, read in the case's own batch: each statement
/// returns rows only when the parcel has that finding (about a third of the cases in the benchmark's data do).
/// </summary>
public static partial class TaskDetails
{
    /// <summary>Owners sharing the parcel's ID numbers, read to tell which numbers are written under several names.</summary>
    const int HoldersLimit = 2_000;

    static string HasFinding(string parcel, string rule) => $"""
        EXISTS (SELECT FROM parcel_status s JOIN findings f ON f.run_id = s.run_id AND f.parcel_id = s.parcel_id
                WHERE s.parcel_id = {parcel} AND f.rule_name = '{rule}')
        """;

    const string OwnerNames = "ARRAY(SELECT o.full_name FROM owners o WHERE o.parcel_id = p.parcel_id ORDER BY o.seq)";

    static void AddRelatedReads(NpgsqlBatch batch, string parcelKey, Func<NpgsqlParameter> parameters)
    {
        batch.BatchCommands.Add(Of($"""
            SELECT p.parcel_id, p.commune_code, p.map_sheet, p.parcel_no, {OwnerNames}
            FROM parcels me JOIN parcels p ON p.commune_code = me.commune_code AND p.map_sheet = me.map_sheet AND p.parcel_no = me.parcel_no
                 AND p.parcel_id <> me.parcel_id
            WHERE me.parcel_id = {parcelKey} AND {HasFinding("me.parcel_id", "duplicate_parcel_key")}
            ORDER BY p.parcel_id LIMIT {RelatedLimit}
            """, parameters()));
        batch.BatchCommands.Add(Of($"""
            SELECT p.parcel_id, h.id_number, h.full_name, p.commune_code, p.map_sheet, p.parcel_no, {OwnerNames}
            FROM owners h JOIN parcels p ON p.parcel_id = h.parcel_id
            WHERE h.id_number IN (SELECT id_number FROM owners WHERE parcel_id = {parcelKey} AND id_number IS NOT NULL)
              AND {HasFinding(parcelKey, "id_number_multiple_names")}
            LIMIT {HoldersLimit}
            """, parameters()));
    }

    /// <summary>Reads the two results of <see cref="AddRelatedReads"/>, the reader standing on the first.</summary>
    static async Task<List<RelatedParcelView>> ReadRelatedAsync(NpgsqlDataReader r, string parcelId, string role, CancellationToken ct)
    {
        var related = new List<RelatedParcelView>();
        while (await r.ReadAsync(ct))
            related.Add(new RelatedParcelView("duplicate_parcel_key", r.GetString(0), r.GetString(1), r.GetValueOrNull<int>(2), r.GetValueOrNull<int>(3),
                null, r.GetFieldValue<string[]>(4)));
        await r.NextResultAsync(ct);
        var holders = new List<(string ParcelId, string IdNumber, string FullName, string Commune, int? MapSheet, int? ParcelNo, string[] Names)>();
        while (await r.ReadAsync(ct))
            holders.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetValueOrNull<int>(4), r.GetValueOrNull<int>(5),
                r.GetFieldValue<string[]>(6)));
        // Only the ID numbers behind the finding: those written with more than one name (ignoring accents, case and
        // spacing, as the rule counts them); a family's parcels sharing an owner under one name are not listed.
        related.AddRange(holders.GroupBy(h => h.IdNumber)
            .Where(g => g.Select(h => VietnameseName.StripAccents(h.FullName)).Distinct(StringComparer.Ordinal).Count() > 1)
            .SelectMany(g => g).Where(h => h.ParcelId != parcelId)
            .OrderBy(h => h.IdNumber, StringComparer.Ordinal).ThenBy(h => h.ParcelId, StringComparer.Ordinal).Take(RelatedLimit)
            .Select(h => new RelatedParcelView("id_number_multiple_names", h.ParcelId, h.Commune, h.MapSheet, h.ParcelNo,
                Roles.MaskIdNumber(role, h.IdNumber), h.Names, h.FullName)));
        return related;
    }
}
