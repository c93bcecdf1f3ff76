using System.Globalization;
using LandQuality.Rules.Versions;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary>
/// <c>lq rules preview</c> for people: the dimension and rule tables (data findings only), then the
/// draft's rule errors on their own, since a rule that throws fails no parcel but must not go unseen.
/// </summary>
static class ImpactReportPrinter
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static void Print(string ruleSet, ImpactReport report)
    {
        AnsiConsole.MarkupLineInterpolated(Inv, $"{ruleSet} v{report.DraftVersion} against published v{report.PublishedVersion} over {report.Parcels:N0} parcels:");
        foreach (var (title, lines) in new[] { ("dimension", report.Dimensions), ("rule", report.Rules) })
        {
            var table = new Table().AddColumns(title, "failing now", "failing under draft", "newly failing", "newly passing");
            foreach (var l in lines)
                table.AddRow(Markup.Escape(l.Key), l.FailingNow.ToString("N0", Inv), l.FailingUnderDraft.ToString("N0", Inv), l.NewlyFailing.ToString("N0", Inv), l.NewlyPassing.ToString("N0", Inv));
            AnsiConsole.Write(table);
        }
        if (report.RuleErrors.Count == 0)
            return;
        AnsiConsole.MarkupLine("[red]Lỗi quy tắc của bản nháp[/] (quy tắc không chạy được; không tính vào các bảng trên) / "
            + "[red]the draft's rule errors[/] (the rule threw; not counted above):");
        var errors = new Table().AddColumns("quy tắc / rule", "số thửa / parcels");
        foreach (var (rule, n) in report.RuleErrors.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            errors.AddRow(Markup.Escape(rule), Markup.Escape(string.Create(Vi, $"{n:N0}/{report.Parcels:N0}") + " — " + string.Create(Inv, $"{n:N0} of {report.Parcels:N0}")));
        AnsiConsole.Write(errors);
    }
}
