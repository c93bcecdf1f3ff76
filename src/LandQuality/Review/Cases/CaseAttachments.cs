using System.Security.Cryptography;
using LandQuality.Audit;
using LandQuality.Data;
using LandQuality.Review.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Database = LandQuality.Data.Database;

namespace LandQuality.Review.Cases;

/// <summary>What a reviewer sees of an attachment (its content is downloaded apart).</summary>
public sealed record AttachmentView(long Id, long CaseId, string FileName, string ContentType, string Sha256, long Bytes, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>
/// Evidence for a case — scans of certificates and ID cards — stored in PostgreSQL with its SHA-256. Only PDF, JPEG
/// and PNG, told from the content's first bytes (never from the name), at most <see cref="MaxBytes"/>. Whoever may
/// work the case's current task attaches; whoever may see the parcel downloads; both are entries in the parcel's
/// hash chain, written in the same transaction.
/// </summary>
public static class CaseAttachments
{
    public const int MaxBytes = 10 * 1024 * 1024;

    static readonly (string Type, byte[] Magic)[] Types =
    [
        ("application/pdf", "%PDF-"u8.ToArray()),
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    ];

    /// <summary>The content type the bytes are, or null when they are none of the accepted kinds.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        foreach (var (type, magic) in Types)
            if (content.StartsWith(magic))
                return type;
        return null;
    }

    public static async Task<AttachmentView> AddAsync(Database database, string userName, long caseId, string fileName, Stream content, CancellationToken ct)
    {
        var bytes = await ReadLimitedAsync(content, ct);
        var type = Sniff(bytes) ?? throw new ReviewException(
            "Chỉ nhận tệp PDF, JPEG hoặc PNG (xét theo nội dung tệp). — Only PDF, JPEG or PNG files are accepted (judged by their content, not their name).");
        await using var db = database.CreateContext();
        var reviewer = await ReviewQueue.ReviewerAsync(db, userName, ct);
        var @case = await db.ReviewCases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, ct) ?? throw NotFound(caseId);
        var task = await db.ReviewTasks.AsNoTracking()
            .Where(t => t.CaseId == caseId && (t.Status == ReviewTaskStatus.Open || t.Status == ReviewTaskStatus.Claimed)).FirstOrDefaultAsync(ct);
        if (task is null || !ReviewQueue.MayWork(reviewer, task))
            throw NotFound(caseId);
        var attachment = new Attachment
        {
            CaseId = caseId, FileName = CleanName(fileName), ContentType = type, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Bytes = bytes.Length, Content = bytes, UploadedBy = userName, UploadedAt = DateTimeOffset.UtcNow,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(ct);
        await AuditChain.AppendAsync((Npgsql.NpgsqlConnection)db.Database.GetDbConnection(), (Npgsql.NpgsqlTransaction)tx.GetDbTransaction(), @case.ParcelId, userName,
            "attachment_added", new { attachment_id = attachment.Id, case_id = caseId, file_name = attachment.FileName, content_type = type, sha256 = attachment.Sha256, bytes = attachment.Bytes }, ct);
        await tx.CommitAsync(ct);
        return View(attachment);
    }

    /// <summary>The attachments of a case the reviewer may see (its parcel in their jurisdiction); not found otherwise.</summary>
    public static async Task<List<AttachmentView>> ListAsync(Database database, string userName, long caseId, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        await RequireSeesCaseAsync(db, userName, caseId, ct);
        return await db.Attachments.AsNoTracking().Where(a => a.CaseId == caseId).OrderBy(a => a.Id)
            .Select(a => new AttachmentView(a.Id, a.CaseId, a.FileName, a.ContentType, a.Sha256, a.Bytes, a.UploadedBy, a.UploadedAt)).ToListAsync(ct);
    }

    /// <summary>
    /// An attachment's content for a reviewer who may see its case; the download is an entry in the parcel's chain.
    /// The scope is checked on the attachment's case id alone, before the content (up to <see cref="MaxBytes"/>) is
    /// read: a request from outside the jurisdiction costs no more than one for an attachment that does not exist.
    /// </summary>
    public static async Task<(AttachmentView View, byte[] Content)> DownloadAsync(Database database, string userName, long attachmentId, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var caseId = await db.Attachments.AsNoTracking().Where(a => a.Id == attachmentId).Select(a => (long?)a.CaseId).SingleOrDefaultAsync(ct)
            ?? throw NoAttachment(attachmentId);
        var parcelId = await RequireSeesCaseAsync(db, userName, caseId, ct);
        var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId, ct) ?? throw NoAttachment(attachmentId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await AuditChain.AppendAsync((Npgsql.NpgsqlConnection)db.Database.GetDbConnection(), (Npgsql.NpgsqlTransaction)tx.GetDbTransaction(), parcelId, userName,
            "attachment_downloaded", new { attachment_id = attachment.Id, case_id = attachment.CaseId, sha256 = attachment.Sha256 }, ct);
        await tx.CommitAsync(ct);
        return (View(attachment), attachment.Content);
    }

    static async Task<string> RequireSeesCaseAsync(LandQualityDbContext db, string userName, long caseId, CancellationToken ct)
    {
        var reviewer = await ReviewQueue.ReviewerAsync(db, userName, ct);
        var @case = await db.ReviewCases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, ct) ?? throw NotFound(caseId);
        if (!ParcelScope.MaySee(reviewer, @case.CommuneCode))
            throw NotFound(caseId);
        return @case.ParcelId;
    }

    static async Task<byte[]> ReadLimitedAsync(Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
                throw new ReviewException($"Tệp lớn hơn {MaxBytes / (1024 * 1024)} MB. — The file is larger than {MaxBytes / (1024 * 1024)} MB.");
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            throw new ReviewException("Tệp rỗng. — The file is empty.");
        return buffer.ToArray();
    }

    /// <summary>The name without folders or control characters, at most 200 characters: it is shown to people and sent back in a header.</summary>
    static string CleanName(string fileName)
    {
        var name = new string(Path.GetFileName(fileName.Replace('\\', '/')).Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? "tệp" : name.Length > 200 ? name[..200] : name;
    }

    static ReviewNotFoundException NotFound(long caseId) => new($"There is no case {caseId}.");

    static ReviewNotFoundException NoAttachment(long attachmentId) => new($"There is no attachment {attachmentId}.");

    static AttachmentView View(Attachment a) => new(a.Id, a.CaseId, a.FileName, a.ContentType, a.Sha256, a.Bytes, a.UploadedBy, a.UploadedAt);
}
