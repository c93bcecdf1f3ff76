using Microsoft.Playwright;

namespace LandQuality.E2ETests;

/// <summary>
/// Debian's Chromium (LQ_CHROMIUM, default /usr/bin/chromium; <c>scripts/ensure-chromium.sh</c> installs it)
/// driven by Playwright through its executable path: Playwright's own browser download cannot work here. A
/// missing browser fails the tests, never skips them. The flags keep it from reaching out to the network,
/// which this machine refuses.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable("LQ_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";
        if (!File.Exists(path))
            throw new InvalidOperationException($"Chromium is not at {path}: run scripts/ensure-chromium.sh (or set LQ_CHROMIUM).");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>A fresh browser context (its own cookies) at the given size.</summary>
    public Task<IBrowserContext> NewContextAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "vi-VN" });
}
