using System.Security.Cryptography;
using System.Text;
using LandQuality.Audit;
using LandQuality.Data;
using LandQuality.Interchange;
using LandQuality.Rules.Runs;
using Npgsql;

namespace LandQuality.Exports;

/// <summary>
/// <c>lq export --changed-since DATE --out DIR</c>: the parcels cleaned since a day — their case closed verified, or a
/// reviewer's correction applied — in the canonical interchange CSV (<c>parcels.csv</c>, <c>owners.csv</c>, which
/// <c>lq import</c> reads back unchanged), each exported parcel's chain head (<c>audit_heads.csv</c>), and
/// <c>manifest.json</c> with row counts, SHA-256 of each file, the rule set in force and the history's anchor.
/// The files are read in one snapshot, so they agree with each other; retired parcels are not exported. The export
/// is written beside the folder and moved in whole: a failed export leaves nothing, and an existing export is never
/// overwritten.
/// </summary>
public sealed class NationalExport(Database database)
{
    public const string AuditHeads = "audit_heads.csv";

    public async Task<ExportManifest> WriteAsync(DateOnly changedSince, string folder, CancellationToken ct)
    {
        folder = Path.GetFullPath(folder);
        if (File.Exists(folder) || Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new ExportRefusedException($"{folder} đã có và không trống: chọn một thư mục mới để không ghi đè lần xuất trước.",
                $"{folder} exists and is not empty: choose a new folder, so no earlier export is overwritten.");
        var (checkpoint, history) = await AuditCheckpoint.TakeAsync(database.Batch, ct);
        if (checkpoint is null)
            throw new ExportRefusedException($"Lịch sử không nguyên vẹn ({history.BreakCount} lỗi; xem lq audit verify): không xuất dữ liệu chưa kiểm chứng được.",
                $"The history is not intact ({history.BreakCount} problems; see lq audit verify): nothing is exported that cannot be vouched for.");
        var staging = Path.Combine(Path.GetDirectoryName(folder)!, $".{Path.GetFileName(folder)}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var manifest = await WriteFilesAsync(changedSince, staging, checkpoint, ct);
            await File.WriteAllTextAsync(Path.Combine(staging, ExportManifest.FileName), manifest.ToJson() + "\n", ct);
            if (Directory.Exists(folder))
                Directory.Delete(folder); // empty, checked above
            Directory.Move(staging, folder);
            return manifest;
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    async Task<ExportManifest> WriteFilesAsync(DateOnly changedSince, string staging, AuditCheckpoint checkpoint, CancellationToken ct)
    {
        var since = VietnamTime.StartOf(changedSince).ToUniversalTime();
        await using var conn = await database.Batch.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var files = new List<ExportedFile>
        {
            await WriteAsync(conn, tx, since, staging, InterchangeFiles.Parcels, [.. InterchangeFiles.ParcelColumns, .. InterchangeFiles.OptionalParcelColumns], ParcelsSql, ct),
            await WriteAsync(conn, tx, since, staging, InterchangeFiles.Owners, InterchangeFiles.OwnerColumns, OwnersSql, ct),
            await WriteAsync(conn, tx, since, staging, AuditHeads, ["parcel_id", "seq", "hash"], HeadsSql, ct),
        };
        await using var version = new NpgsqlCommand(
            "SELECT version FROM rule_set_versions WHERE rule_set = $1 AND status = 'Published'", conn, tx);
        version.Parameters.Add(new NpgsqlParameter<string> { TypedValue = RunLog.RuleSetInForce });
        var published = await version.ExecuteScalarAsync(ct) as int?;
        await tx.CommitAsync(ct);
        return new ExportManifest(ExportManifest.CurrentFormat, checkpoint.Database, DateTimeOffset.UtcNow, changedSince, files[0].Rows,
            new ExportedRuleSet(RunLog.RuleSetInForce, published), files,
            new ExportedAuditAnchor(checkpoint.LastEntryId, checkpoint.Entries, checkpoint.Chains, checkpoint.Digest));
    }

    /// <summary>Parcels whose case closed verified, or with a correction applied, since the day; retired ones left out.</summary>
    const string Chosen = """
        WITH chosen AS (
            SELECT parcel_id FROM review_cases WHERE status = 'Verified' AND closed_at >= $1
            UNION
            SELECT parcel_id FROM corrections WHERE status = 'Applied' AND decided_at >= $1)
        """;

    // Every value as the interchange file writes it: numbers as PostgreSQL prints numeric (invariant, no trailing zeros), dates ISO,
    // land use as CODE:area;CODE:area in purpose order, a birth as its date or, for older records, its year.
    const string ParcelsSql = Chosen + """
        SELECT p.parcel_id, p.commune_code, p.map_sheet::text, p.parcel_no::text, p.address, trim_scale(p.area_m2)::text, trim_scale(p.legal_area_m2)::text,
               (SELECT string_agg(u.code || coalesce(':' || trim_scale(u.area_m2)::text, ''), ';' ORDER BY u.seq) FROM parcel_purposes u WHERE u.parcel_id = p.parcel_id),
               c.serial, c.book_no, to_char(c.issued_on, 'YYYY-MM-DD'), p.geometry_wkt, to_char(p.updated_on, 'YYYY-MM-DD'),
               p.land_use_term, p.land_use_origin
        FROM chosen JOIN parcels p USING (parcel_id) LEFT JOIN certificates c USING (parcel_id)
        WHERE p.retired_at IS NULL
        ORDER BY p.parcel_id
        """;

    const string OwnersSql = Chosen + """
        SELECT o.parcel_id, o.full_name, coalesce(to_char(o.birth_date, 'YYYY-MM-DD'), o.birth_year::text), o.gender, o.id_number, trim_scale(o.share)::text
        FROM chosen JOIN parcels p USING (parcel_id) JOIN owners o USING (parcel_id)
        WHERE p.retired_at IS NULL
        ORDER BY o.parcel_id, o.seq
        """;

    const string HeadsSql = Chosen + """
        SELECT h.parcel_id, h.seq::text, h.hash
        FROM chosen JOIN parcels p USING (parcel_id) JOIN audit_heads h USING (parcel_id)
        WHERE p.retired_at IS NULL
        ORDER BY h.parcel_id
        """;

    static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    static async Task<ExportedFile> WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DateTimeOffset since, string folder, string name,
        IReadOnlyList<string> columns, string sql, CancellationToken ct)
    {
        var path = Path.Combine(folder, name);
        long rows = 0;
        await using (var writer = new StreamWriter(path, append: false, Utf8, bufferSize: 1 << 16))
        {
            writer.NewLine = "\n";
            await writer.WriteLineAsync(string.Join(',', columns));
            await using var cmd = new NpgsqlCommand(sql, conn, tx);
            cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = since });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var line = new StringBuilder();
            while (await r.ReadAsync(ct))
            {
                line.Clear();
                for (var i = 0; i < r.FieldCount; i++)
                {
                    if (i > 0)
                        line.Append(',');
                    Field(line, r.IsDBNull(i) ? null : r.GetString(i));
                }
                await writer.WriteLineAsync(line, ct);
                rows++;
            }
        }
        await using var file = File.OpenRead(path);
        return new ExportedFile(name, rows, Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct)));
    }

    /// <summary>RFC 4180: quoted when it holds a comma, a quote or a line break (inner quotes doubled); a missing value is empty.</summary>
    static void Field(StringBuilder line, string? value)
    {
        if (value is null)
            return;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(value);
            return;
        }
        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
