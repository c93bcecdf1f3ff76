using LandQuality.Documents;
using LandQuality.Documents.ProgressReports;
using Snapshooter.Xunit;

namespace LandQuality.Tests.Documents;

/// <summary>The shipped progress report templates rendered from fixed figures: a province with its communes ranked, a commune alone.</summary>
public sealed class ProgressTemplateTests
{
    static ProgressLine Line(string? rank, string code, string name, string parcels, string verified, string percent, string? change) =>
        new(rank, code, name, parcels, verified, percent, "120", "80", "40", "10", "95", ["60", "25", "10", "0"], "7", "12", change);

    static ProgressReport Province(string lang) => new(lang, "province", "46", "Thành phố Huế", "07/12/2026 08:30", "06/12/2026 16:00",
        Line(null, "46", "Thành phố Huế", "2.000", "1.028", "51,4%", "+0,8"),
        [Line("1", "19753", "Phường Phú Xuân", "1.200", "700", "58,3%", "+1,0"), Line("2", "19774", "Phường Kim Long", "800", "328", "41,0%", "+0,5")],
        ["Xã/phường rà soát", "Sở thẩm định", "Công an xác minh", "Kiểm tra lại"]);

    static string Render(string name, ProgressReport report)
    {
        var problems = new List<TemplateProblem>();
        var html = new DocumentTemplates(null).Render(name, report, problems);
        Assert.Empty(problems);
        return html;
    }

    [Fact]
    public void The_Vietnamese_province_report_matches_its_snapshot() => Snapshot.Match(Render("progress.vi.html.sbn", Province("vi")));

    [Fact]
    public void The_English_commune_report_without_an_earlier_report_matches_its_snapshot() => Snapshot.Match(Render("progress.en.html.sbn",
        Province("en") with { Kind = "commune", Code = "19753", Name = "Phường Phú Xuân", ComparedWith = null, Communes = [],
            Totals = Line(null, "19753", "Phường Phú Xuân", "1,200", "700", "58.3%", null) }));

    [Fact]
    public void The_CSV_has_the_totals_then_the_communes_in_rank_order()
    {
        var lines = ProgressCsv.Write(Province("vi")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(4, lines.Length);
        Assert.StartsWith("rank,code,name,parcels,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("\"\",\"46\",\"Thành phố Huế\",\"2.000\"", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("\"1\",\"19753\",\"Phường Phú Xuân\"", lines[2], StringComparison.Ordinal);
        Assert.Contains("\"'+1,0\"", lines[2], StringComparison.Ordinal); // a leading + is neutralised for spreadsheets
    }
}
