using Microsoft.Playwright;

namespace LandQuality.E2ETests;

/// <summary>Pictures of the main pages, written to docs/screenshots/ of the repository for the README.</summary>
static class Screenshots
{
    static readonly string Folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");

    public static async Task TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LandQuality.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
    }
}
