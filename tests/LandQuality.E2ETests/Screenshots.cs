using Microsoft.Playwright;

namespace LandQuality.E2ETests;

/// <summary>
/// Pictures of the main pages for the README: written to docs/screenshots/ of the repository when LQ_SCREENSHOTS=1
/// (<c>LQ_SCREENSHOTS=1 ./test.sh</c>), else to a temporary folder, so an ordinary test run changes no tracked file.
/// </summary>
static class Screenshots
{
    static readonly string Folder = Environment.GetEnvironmentVariable("LQ_SCREENSHOTS") == "1"
        ? Path.Combine(RepositoryRoot(), "docs", "screenshots")
        : Path.Combine(Path.GetTempPath(), "lq-screenshots");

    public static async Task TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }

    /// <summary>One part of a page, for a page too long to read in one picture.</summary>
    public static async Task TakeAsync(ILocator part, string name)
    {
        Directory.CreateDirectory(Folder);
        await part.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Folder, name + ".png") });
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LandQuality.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
    }
}
