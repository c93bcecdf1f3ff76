using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;

namespace LandQuality.Web;

/// <summary>
/// Vietnamese first: every page is in Vietnamese unless the user chose English with the switch (kept in a
/// cookie); dates, numbers and percentages follow the chosen culture (dd/MM/yyyy, 1.234,5 in Vietnamese).
/// </summary>
public static class Culture
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The page is in English (the user chose it); otherwise Vietnamese.</summary>
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Vietnamese),
            SupportedCultures = [Vietnamese, English],
            SupportedUICultures = [Vietnamese, English],
        };
        // Only the user's own choice counts, not the browser's language: officials read Vietnamese first.
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        return options;
    }

    /// <summary>
    /// <c>POST /culture</c> with <c>culture=vi|en</c> and <c>back</c>: sets the cookie and goes back to a page of this site.
    /// Only with the antiforgery token of one of its pages: the endpoint reads the form itself, so the
    /// antiforgery middleware would not check it.
    /// </summary>
    public static void MapCultureSwitch(this IEndpointRouteBuilder app) =>
        app.MapPost("/culture", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            try
            {
                await antiforgery.ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.BadRequest();
            }
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var culture = form["culture"] == "en" ? English : Vietnamese;
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            var back = form["back"].ToString();
            return Results.LocalRedirect(back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal) ? back : "/");
        }).ExcludeFromDescription();
}
