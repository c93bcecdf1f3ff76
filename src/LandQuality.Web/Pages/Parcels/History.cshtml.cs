using System.Globalization;
using System.Text;
using LandQuality.Audit;
using LandQuality.Data;
using LandQuality.Documents;
using LandQuality.Documents.AuditExtracts;
using LandQuality.Review.Queue;
using LandQuality.Web.Accounts;
using LandQuality.Web.Apis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LandQuality.Web.Pages.Parcels;

/// <summary>
/// A parcel's cleaning history as one story, from its hash chain: imports, evaluations, claims, decisions,
/// corrections before → after, closure — who and when; "verify integrity" checks that parcel's chain, its
/// rows and its fields; the story exports as CSV or JSON. Not found outside the reader's jurisdiction.
/// </summary>
public sealed class HistoryModel(Database database, IStringLocalizer<Texts> texts, DocumentTemplates templates) : PageModel
{
    public string ParcelId { get; private set; } = "";
    public IReadOnlyList<HistoryLine> Lines { get; private set; } = [];
    public VerificationResult? Verification { get; private set; }

    public async Task<IActionResult> OnGetAsync(string parcelId, CancellationToken ct) => await LoadAsync(parcelId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostVerifyAsync(string parcelId, CancellationToken ct)
    {
        if (!await LoadAsync(parcelId, ct))
            return NotFound();
        Verification = await AuditVerifier.VerifyAsync(database.DataSource, new VerifyOptions { Parcel = parcelId }, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string parcelId, string format, CancellationToken ct)
    {
        if (!await LoadAsync(parcelId, ct))
            return NotFound();
        // The stored kind stays for programs; kind_vi is for the people who read the file.
        if (format == "json")
            return new JsonResult(Lines.Select(l => new HistoryExportLine(l.At, l.Actor, l.Kind, HistoryWording.KindVietnamese(l.Kind), l.Details, l.Seq)),
                ApiJson.Options) { ContentType = "application/json" };
        var csv = new StringBuilder("at,actor,kind,kind_vi,details\n");
        foreach (var l in Lines)
            csv.Append(CultureInfo.InvariantCulture,
                $"{l.At:yyyy-MM-ddTHH:mm:ssZ},{CsvExport.Cell(l.Actor)},{CsvExport.Cell(l.Kind)},{CsvExport.Cell(HistoryWording.KindVietnamese(l.Kind))},{CsvExport.Cell(l.Details)}\n");
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", $"history-{parcelId}.csv");
    }

    /// <summary>The audit extract (the history with this parcel's integrity check) as a printable HTML file, from the same template as <c>lq report audit</c>.</summary>
    public async Task<IActionResult> OnGetExtractAsync(string parcelId, CancellationToken ct)
    {
        if (!await LoadAsync(parcelId, ct))
            return NotFound();
        var lang = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "vi";
        var extract = await new AuditExtractSource(database).LoadAsync(parcelId, lang, HistoryWording.Words(texts), k => HistoryWording.Kind(texts, k),
            DateTimeOffset.UtcNow, ct, maskFor: HttpContext.Reviewer().Role);
        var html = templates.Render($"audit.{lang}.html.sbn", extract);
        return File(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", $"audit-{parcelId}.html");
    }

    async Task<bool> LoadAsync(string parcelId, CancellationToken ct)
    {
        ParcelId = parcelId;
        var reviewer = HttpContext.Reviewer();
        try
        {
            await using var db = database.CreateContext();
            await ParcelScope.RequireAsync(db, reviewer, parcelId, ct);
        }
        catch (ReviewNotFoundException)
        {
            return false;
        }
        var lang = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "vi";
        Lines = await ParcelHistory.LoadAsync(database, parcelId, ct, lang, maskFor: reviewer.Role, words: HistoryWording.Words(texts));
        return true;
    }
}

/// <summary>A history line as exported: the stored kind and, beside it, the kind in Vietnamese.</summary>
public sealed record HistoryExportLine(DateTimeOffset At, string Actor, string Kind, string KindVi, string Details, int? Seq);
