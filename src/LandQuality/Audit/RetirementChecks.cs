using Npgsql;

namespace LandQuality.Audit;

/// <summary>
/// A <c>parcel_retired</c> entry sits in the retired parcel's chain but names the case and the correction
/// of the parcel it went into: each must exist there, the correction applied. Retirements are few, so
/// they are looked up all at once after the parcels are done.
/// </summary>
static class RetirementChecks
{
    public static async Task RunAsync(NpgsqlDataSource db, IReadOnlyList<(string Parcel, EntryRef Entry)> retirements, ProblemSink problems,
        CancellationToken ct)
    {
        if (retirements.Count == 0)
            return;
        var cases = await ParcelsOfAsync(db, "SELECT id, parcel_id FROM review_cases WHERE id = ANY($1)", retirements.Select(r => r.Entry.CaseId), ct);
        var corrections = await ParcelsOfAsync(db, "SELECT id, parcel_id FROM corrections WHERE id = ANY($1) AND status = 'Applied'",
            retirements.Select(r => r.Entry.CorrectionId), ct);
        foreach (var (parcel, e) in retirements)
        {
            if (e.Into is null)
                problems.Add(AuditCheck.CrossCheck, parcel, e.Seq, $"entry {e.Seq} (parcel_retired) names no parcel it went into");
            else if (e.CaseId is not { } caseId || cases.GetValueOrDefault(caseId) != e.Into)
                problems.Add(AuditCheck.CrossCheck, parcel, e.Seq, $"entry {e.Seq} (parcel_retired) names no case of parcel {e.Into}");
            else if (e.CorrectionId is not { } correctionId || corrections.GetValueOrDefault(correctionId) != e.Into)
                problems.Add(AuditCheck.CrossCheck, parcel, e.Seq, $"entry {e.Seq} (parcel_retired) names no applied correction of parcel {e.Into}");
        }
    }

    static async Task<Dictionary<long, string>> ParcelsOfAsync(NpgsqlDataSource db, string sql, IEnumerable<long?> ids, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ids.OfType<long>().Distinct().ToArray() });
        var parcels = new Dictionary<long, string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var (id, parcel) = (r.GetOrdinal("id"), r.GetOrdinal("parcel_id"));
        while (await r.ReadAsync(ct))
            parcels[r.GetInt64(id)] = r.GetString(parcel);
        return parcels;
    }
}
