using LandQuality.Documents;
using LandQuality.Documents.AuditExtracts;
using Snapshooter.Xunit;

namespace LandQuality.Tests.Documents;

/// <summary>The shipped audit extract templates rendered from a fixed extract, intact and broken.</summary>
public sealed class AuditTemplateTests
{
    static AuditExtract Extract(bool intact) => new("vi", "19753-0000901", "19753", "Phường Phú Xuân", "7", "901", "Kiệt 4 | Lê Lợi", "07/12/2026 08:30:00",
        intact, 3, intact ? [] : ["bước 3: các trường của thửa khác trạng thái chuỗi ghi lần cuối (area_m2)"], "3 · 9f2c0a",
    [
        new AuditExtractEntry("1", "01/12/2026 09:00:00", "nhap.lieu", "Nhập dữ liệu", "parcels.csv dòng 2"),
        new AuditExtractEntry("2", "02/12/2026 10:15:00", "xa.19753.1", "Nhận việc", "khâu xã/phường"),
        new AuditExtractEntry("3", "02/12/2026 10:20:00", "xa.19753.1", "Sửa dữ liệu", "certificate_serial: — → CS 123451"),
    ]);

    static string Render(string name, AuditExtract extract)
    {
        var problems = new List<TemplateProblem>();
        var text = new DocumentTemplates(null).Render(name, extract, problems);
        Assert.Empty(problems);
        return text;
    }

    [Fact]
    public void The_Vietnamese_HTML_extract_matches_its_snapshot() => Snapshot.Match(Render("audit.vi.html.sbn", Extract(intact: true)));

    [Fact]
    public void The_Vietnamese_Markdown_extract_of_a_broken_history_matches_its_snapshot() => Snapshot.Match(Render("audit.vi.md.sbn", Extract(intact: false)));

    [Fact]
    public void The_English_Markdown_extract_matches_its_snapshot() => Snapshot.Match(Render("audit.en.md.sbn", Extract(intact: true) with { Language = "en" }));

    [Fact]
    public void A_pipe_in_a_value_does_not_break_the_Markdown_table() =>
        Assert.Contains("| Kiệt 4 \\| Lê Lợi", Render("audit.vi.md.sbn", Extract(intact: true) with
        {
            Entries = [new AuditExtractEntry("1", "01/12/2026 09:00:00", "a", "b", "Kiệt 4 | Lê Lợi")],
        }).Replace("| 1 | 01/12/2026 09:00:00 | a | b ", "", StringComparison.Ordinal), StringComparison.Ordinal);
}
