using System.Data;
using System.Globalization;
using LandQuality.Data;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Cases;

/// <summary>
/// The other parcels whose cross-record facts a case's last applied corrections may have changed:
/// those sharing, before or after, a parcel key (commune + map sheet + parcel number) the corrections
/// changed (<c>duplicate_parcel_key</c>), or an ID number of an owner they changed, added or removed
/// (<c>id_number_multiple_names</c>); a retirement counts as both, for the retired parcel's key and
/// owners. Retired parcels are not among them: they are no longer evaluated.
/// </summary>
static class RelatedParcels
{
    public static async Task<IReadOnlyList<string>> FindAsync(NpgsqlDataSource db, long caseId, string parcelId, CancellationToken ct)
    {
        var applied = new List<(string Field, string? Before, string? After)>();
        await using (var cmd = db.CreateCommand("""
            SELECT field, before, after FROM corrections
            WHERE case_id = $1 AND status = 'Applied'
              AND decided_at = (SELECT max(decided_at) FROM corrections WHERE case_id = $1 AND status = 'Applied')
            """))
        {
            cmd.Parameters.Add(Value(caseId));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                applied.Add((r.GetString("field"), r.GetStringOrNull("before"), r.GetStringOrNull("after")));
        }
        var retired = applied.Where(c => CorrectionFields.IsRetirement(c.Field) && c.After is not null).Select(c => c.After!).ToArray();
        var keyChanged = retired.Length > 0 || applied.Any(c => c.Field is "map_sheet" or "parcel_no");
        var ownersChanged = applied.Any(c => CorrectionFields.ChangesOwners(c.Field));
        if (!keyChanged && !ownersChanged)
            return [];
        // ID numbers the corrections replaced or removed (the current ones are read in SQL).
        var oldIds = applied.Where(c => CorrectionFields.ChangesOwners(c.Field))
            .SelectMany(c => (string?[])[IdNumberIn(c.Field, c.Before), IdNumberIn(c.Field, c.After)])
            .OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        int? Before(string field) => applied.FirstOrDefault(c => c.Field == field).Before is { } b
            && int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

        await using var find = db.CreateCommand("""
            WITH me AS (SELECT commune_code, map_sheet, parcel_no FROM parcels WHERE parcel_id = $1),
            keys AS (
                SELECT commune_code, map_sheet, parcel_no FROM me WHERE $2
                UNION SELECT commune_code, coalesce($3, map_sheet), coalesce($4, parcel_no) FROM me WHERE $2),
            ids AS (
                SELECT unnest($5::text[]) AS id_number
                UNION SELECT id_number FROM owners WHERE parcel_id = $1 AND $6
                UNION SELECT id_number FROM owners WHERE parcel_id = ANY($7))
            SELECT p.parcel_id FROM parcels p JOIN keys k USING (commune_code, map_sheet, parcel_no)
            WHERE p.parcel_id <> $1 AND p.retired_at IS NULL
            UNION
            SELECT o.parcel_id FROM owners o JOIN ids USING (id_number) JOIN parcels p ON p.parcel_id = o.parcel_id
            WHERE o.parcel_id <> $1 AND p.retired_at IS NULL
            ORDER BY 1
            """);
        foreach (var p in (NpgsqlParameter[])[Value(parcelId), Value(keyChanged), Value(Before("map_sheet")), Value(Before("parcel_no")),
                     Value(oldIds), Value(ownersChanged || retired.Length > 0), Value(retired)])
            find.Parameters.Add(p);
        var others = new List<string>();
        await using var rows = await find.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
            others.Add(rows.GetString("parcel_id"));
        return others;
    }

    /// <summary>The ID number in a before or after: the value of an <c>owners[N].id_number</c> correction, or the id_number of a whole owner.</summary>
    static string? IdNumberIn(string field, string? text)
    {
        if (text is null)
            return null;
        if (field.EndsWith(".id_number", StringComparison.Ordinal))
            return text;
        return field.Contains('.', StringComparison.Ordinal) || !CorrectionText.TryParseOwner(text, out var owner, out _) ? null : owner!.IdNumber;
    }
}
