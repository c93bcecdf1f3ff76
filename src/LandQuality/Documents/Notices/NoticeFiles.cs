using System.Text;
using LandQuality.Data;

namespace LandQuality.Documents.Notices;

/// <summary>The files a commune's batch of notices was written to, and any problem with an overriding template.</summary>
public sealed record NoticeFilesWritten(IReadOnlyList<string> Files, int Notices, int ParcelsWithOpenCases, int ParcelsNeedingNoPapers,
    IReadOnlyList<TemplateProblem> TemplateProblems, string? PdfSkipped);

/// <summary>
/// <c>lq notices COMMUNE --out DIR</c>: a commune's citizen notices as one printable A4 document per language (each notice
/// on its own page), a register of the batch as CSV for the office, and a PDF of the Vietnamese batch printed by headless
/// Chromium when it is installed (<c>LQ_CHROMIUM</c>, default <c>/usr/bin/chromium</c>).
/// </summary>
public static class NoticeFiles
{
    public static async Task<NoticeFilesWritten> WriteAsync(NoticeSource.Notices notices, DocumentTemplates templates, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var code = notices.Vi.CommuneCode;
        var problems = new List<TemplateProblem>();
        var files = new List<string>();
        foreach (var batch in new[] { notices.Vi, notices.En })
        {
            var path = Path.Combine(folder, $"notices-{code}.{batch.Language}.html");
            await File.WriteAllTextAsync(path, templates.Render($"notices.{batch.Language}.html.sbn", batch, problems), Utf8, ct);
            files.Add(path);
        }
        var register = Path.Combine(folder, $"notices-{code}.csv");
        await File.WriteAllTextAsync(register, Register(notices.Vi), Utf8, ct);
        files.Add(register);
        var pdf = Path.Combine(folder, $"notices-{code}.vi.pdf");
        var skipped = await ChromiumPdf.PrintAsync(files[0], pdf, ct);
        if (skipped is null)
            files.Add(pdf);
        return new NoticeFilesWritten(files, notices.Vi.Notices.Count, notices.ParcelsWithOpenCases, notices.ParcelsNeedingNoPapers, problems, skipped);
    }

    static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>One row per notice: which owner and parcel it went to and what it asked for, for the office to tick off.</summary>
    static string Register(NoticeBatch batch)
    {
        var csv = new StringBuilder("so_thong_bao,nguoi_nhan,so_dinh_danh,ma_thua,to_ban_do,so_thua,dia_chi,giay_to\n");
        foreach (var n in batch.Notices)
            csv.AppendJoin(',', new[] { n.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), n.OwnerName, n.IdNumber, n.ParcelId,
                n.MapSheet, n.ParcelNo, n.Address, string.Join("; ", n.Papers) }.Select(Field)).Append('\n');
        return csv.ToString();
    }

    /// <summary>A quoted cell, neutralised as every CSV the product writes for spreadsheets (<see cref="CsvExport.Cell"/>); a missing value is empty.</summary>
    static string Field(string? value) => value is null ? "" : CsvExport.Cell(value);
}
