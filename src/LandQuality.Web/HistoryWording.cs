using System.Globalization;
using System.Resources;
using LandQuality.Audit;
using Microsoft.Extensions.Localization;

namespace LandQuality.Web;

/// <summary>
/// The history's machine words — entry kinds (<c>attachment_added</c>), stage, decision and role ids, outcomes,
/// correction statuses — as people read them, from the resource files (<c>Kind_…</c>, <c>Stage_…</c>,
/// <c>Decision_…</c>, <c>Role_…</c>, <c>Outcome_…</c>, <c>Correction_…</c>): Vietnamese, or English in the English
/// culture. A word with no entry shows as it is stored, so a workflow's new stage still reads, if less kindly.
/// </summary>
public static class HistoryWording
{
    // The resources the localizer reads (ResourcesPath "Resources"), for the exports' Vietnamese whatever the page's language.
    static readonly ResourceManager Resources = new("LandQuality.Web.Resources.Texts", typeof(Texts).Assembly);
    static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi");

    /// <summary>The ids inside the entries' text, named in the page's language.</summary>
    public static HistoryWords Words(IStringLocalizer texts) => (category, id) => Find(texts, $"{category}_{id}");

    /// <summary>The ids inside the entries' text in <paramref name="lang"/> (<c>vi</c> or <c>en</c>): the API takes the language as a parameter.</summary>
    public static HistoryWords Words(string lang)
    {
        var culture = lang == "en" ? CultureInfo.GetCultureInfo("en") : Vietnamese;
        return (category, id) => Resources.GetString($"{category}_{id}", culture);
    }

    /// <summary><paramref name="id"/> of <paramref name="category"/> (<c>Decision</c>, <c>Correction</c>, …) in the page's language.</summary>
    public static string Word(IStringLocalizer texts, string category, string id) => Find(texts, $"{category}_{id}") ?? id;

    /// <summary>An entry's kind in the page's language.</summary>
    public static string Kind(IStringLocalizer texts, string kind) => Word(texts, "Kind", kind);

    /// <summary>An entry's kind in Vietnamese, whatever the page's language: the exports' readable column beside the stored kind.</summary>
    public static string KindVietnamese(string kind) => Resources.GetString("Kind_" + kind, Vietnamese) ?? kind;

    static string? Find(IStringLocalizer texts, string key) => texts[key] is { ResourceNotFound: false } found ? found.Value : null;
}
