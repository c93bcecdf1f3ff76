using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LandQuality.E2ETests;

/// <summary>
/// Waits until a page has arrived at an address and finished loading, by polling rather than by Playwright's
/// <c>WaitForURLAsync</c>: that call checks the page's load states and then subscribes to the next one, and a
/// <c>load</c> event delivered in between is lost, so it waits out its timeout on a page that loaded
/// (microsoft/playwright-dotnet#3364).
/// </summary>
static class Arrival
{
    public static async Task ArriveAtAsync(this IPage page, Regex address)
    {
        await Assertions.Expect(page).ToHaveURLAsync(address);
        // Deferred scripts (the keyboard shortcuts) have run once the document is complete.
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
    }

    /// <summary>An address that ends with <paramref name="path"/>, with no query.</summary>
    public static Task ArriveAtAsync(this IPage page, string path) =>
        page.ArriveAtAsync(new Regex(Regex.Escape(path) + "$"));
}
