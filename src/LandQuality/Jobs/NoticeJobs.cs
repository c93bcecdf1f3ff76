using Hangfire;
using LandQuality.Data;
using LandQuality.Documents;
using LandQuality.Documents.Notices;
using Microsoft.Extensions.Logging;

namespace LandQuality.Jobs;

/// <summary>
/// A commune's notice batch as a background job (<c>lq notices CODE --out DIR --background</c>): the same files as the
/// command writes (HTML per language, the register, PDF where the worker has Chromium), into a folder the worker can
/// write (a share). The day is the day the job runs, as the command's is the day it runs.
/// </summary>
public sealed class NoticeJobs(Database database, ILogger<NoticeJobs> log)
{
    [AutomaticRetry(Attempts = 2)]
    [JobDisplayName("Notices for commune {0}")]
    public async Task WriteAsync(string commune, string directory, CancellationToken ct)
    {
        var templates = new DocumentTemplates(Environment.GetEnvironmentVariable("LQ_TEMPLATES") is { Length: > 0 } folder ? folder : null,
            problem => log.LogWarning("Broken template override, the shipped template was used: {Problem}", problem));
        var notices = await new NoticeSource(database).LoadAsync(commune, VietnamTime.Day(DateTimeOffset.UtcNow), ct);
        var written = await NoticeFiles.WriteAsync(notices, templates, directory, ct);
        log.LogInformation("Notices for {Commune}: {Notices} written to {Directory}{Pdf}", commune, written.Notices, directory,
            written.PdfSkipped is { } why ? $" (no PDF: {why})" : "");
    }
}
