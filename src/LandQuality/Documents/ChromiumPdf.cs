using System.Diagnostics;

namespace LandQuality.Documents;

/// <summary>
/// HTML documents printed to PDF by the headless Chromium the browser tests drive (<c>LQ_CHROMIUM</c>, default
/// <c>/usr/bin/chromium</c>), with the documents' own print CSS (A4); without Chromium there is no PDF, and the caller says so.
/// </summary>
public static class ChromiumPdf
{
    public static string Executable => Environment.GetEnvironmentVariable("LQ_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";

    /// <summary>Prints <paramref name="html"/> (a file) to <paramref name="pdf"/>; returns why it did not, or null when it did.</summary>
    public static async Task<string?> PrintAsync(string html, string pdf, CancellationToken ct)
    {
        if (!File.Exists(Executable))
            return $"không có Chromium ở {Executable} — no Chromium at {Executable}";
        var start = new ProcessStartInfo(Executable)
        {
            ArgumentList = { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--no-pdf-header-footer",
                $"--print-to-pdf={pdf}", new Uri(Path.GetFullPath(html)).AbsoluteUri },
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(ct), process.StandardError.ReadToEndAsync(ct));
        await process.WaitForExitAsync(ct);
        await drain;
        return process.ExitCode == 0 && File.Exists(pdf) ? null : $"Chromium không in được PDF (mã {process.ExitCode}) — Chromium did not print the PDF (exit {process.ExitCode})";
    }
}
