using LandQuality.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Database = LandQuality.Data.Database;

namespace LandQuality.Review.Queue;

/// <summary>An owner's whole ID number, shown on request to a role that otherwise sees it masked.</summary>
public sealed record RevealedIdNumber(int Seq, string FullName, string? IdNumber);

/// <summary>
/// Roles that do not check identity see ID numbers masked; when one of them must see a parcel's whole numbers
/// (a department reviewer comparing a scan, an auditor tracing a complaint), it asks with a reason, and the
/// reveal is an entry in the parcel's hash chain: who, when, why — never the numbers themselves.
/// </summary>
public static class IdNumberReveal
{
    public static async Task<List<RevealedIdNumber>> RevealAsync(Database database, Reviewer reviewer, string parcelId, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new ReviewException("Cần ghi lý do để xem số định danh đầy đủ. — Seeing whole ID numbers needs a reason.");
        await using var db = database.CreateContext();
        await ParcelScope.RequireAsync(db, reviewer, parcelId, ct);
        var owners = await db.Owners.AsNoTracking().Where(o => o.ParcelId == parcelId).OrderBy(o => o.Seq)
            .Select(o => new RevealedIdNumber(o.Seq, o.FullName, o.IdNumber)).ToListAsync(ct);
        if (Roles.SeesFullIdNumbers(reviewer.Role))
            return owners;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await AuditChain.AppendAsync((Npgsql.NpgsqlConnection)db.Database.GetDbConnection(), (Npgsql.NpgsqlTransaction)tx.GetDbTransaction(), parcelId,
            reviewer.UserName, "id_numbers_revealed", new { role = reviewer.Role, owners = owners.Select(o => o.Seq).ToArray(), reason = reason.Trim() }, ct);
        await tx.CommitAsync(ct);
        return owners;
    }
}
