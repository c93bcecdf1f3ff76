using System.Text;
using LandQuality.Documents;
using LandQuality.Documents.Notices;
using Snapshooter.Xunit;

namespace LandQuality.Tests.Documents;

/// <summary>The shipped notice templates rendered from a fixed batch, and what happens to a broken override.</summary>
public sealed class NoticeTemplateTests : IDisposable
{
    readonly string _overrides = Path.Combine(Path.GetTempPath(), $"lq-templates-{Guid.NewGuid():N}");

    public NoticeTemplateTests() => Directory.CreateDirectory(_overrides);

    public void Dispose() => Directory.Delete(_overrides, recursive: true);

    static NoticeBatch Batch(string language, string owner = "Nguyễn Văn Bình") => new(language, "19753", "Phường Phú Xuân",
        language == "vi" ? "Ủy ban nhân dân phường Phú Xuân" : "People's Committee of Phường Phú Xuân", "Thành phố Huế", "07/12/2026", "15/11/2025",
    [
        new CitizenNotice(1, language == "vi" ? "Ông" : "Mr", owner, "046*******01", "19753-0000901", "7", "901", "Kiệt 4 Lê Lợi, Phường Phú Xuân",
            ["Họ tên khác với họ tên trong Cơ sở dữ liệu quốc gia về dân cư."], [language == "vi" ? CitizenPapers.IdCard.Vi : CitizenPapers.IdCard.En]),
        new CitizenNotice(2, language == "vi" ? "Ông/Bà" : "Mr/Ms", null, null, "19753-0000902", null, "902", null,
            ["Giấy chứng nhận thiếu số phát hành."], [language == "vi" ? CitizenPapers.Certificate.Vi : CitizenPapers.Certificate.En]),
    ]);

    static string Render(DocumentTemplates templates, NoticeBatch batch, List<TemplateProblem> problems) =>
        templates.Render($"notices.{batch.Language}.html.sbn", batch, problems);

    [Fact]
    public void The_Vietnamese_notice_matches_its_snapshot()
    {
        var problems = new List<TemplateProblem>();
        var html = Render(new DocumentTemplates(null), Batch("vi"), problems);

        Assert.Empty(problems);
        Assert.True(html.IsNormalized(NormalizationForm.FormC));
        Snapshot.Match(html);
    }

    [Fact]
    public void The_English_notice_matches_its_snapshot() => Snapshot.Match(Render(new DocumentTemplates(null), Batch("en"), []));

    [Fact]
    public void Every_shipped_template_parses()
    {
        Assert.Contains("notices.vi.html.sbn", DocumentTemplates.ShippedNames);
        foreach (var name in DocumentTemplates.ShippedNames)
        {
            using var stream = typeof(DocumentTemplates).Assembly.GetManifestResourceStream("LandQuality.Templates." + name)!;
            var template = Scriban.Template.Parse(new StreamReader(stream).ReadToEnd(), name);
            Assert.False(template.HasErrors, $"{name}: {string.Join("; ", template.Messages)}");
        }
    }

    [Fact]
    public void Values_are_escaped_in_HTML_so_a_name_cannot_add_markup()
    {
        var html = Render(new DocumentTemplates(null), Batch("vi", owner: "<script>alert(1)</script> Lê Văn \"An\""), []);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Lê Văn &quot;An&quot;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_working_override_is_used()
    {
        File.WriteAllText(Path.Combine(_overrides, "notices.vi.html.sbn"), "{{ for n in notices }}[{{ n.owner_name ?? \"?\" }} · {{ due }}]{{ end }}");
        var problems = new List<TemplateProblem>();

        var html = Render(new DocumentTemplates(_overrides), Batch("vi"), problems);

        Assert.Empty(problems);
        Assert.Equal("[Nguyễn Văn Bình · 15/11/2025][? · 15/11/2025]", html);
    }

    [Fact]
    public void An_override_that_does_not_parse_is_reported_with_line_and_column_and_the_shipped_one_is_used()
    {
        File.WriteAllText(Path.Combine(_overrides, "notices.vi.html.sbn"), "<h1>THÔNG BÁO</h1>\n<p>{{ for n in }}</p>\n");
        var problems = new List<TemplateProblem>();

        var html = Render(new DocumentTemplates(_overrides), Batch("vi"), problems);

        var problem = Assert.Single(problems);
        Assert.Equal("notices.vi.html.sbn", problem.Name);
        Assert.Equal(Path.Combine(_overrides, "notices.vi.html.sbn"), problem.Source);
        Assert.Equal(2, problem.Line);
        Assert.True(problem.Column > 1, problem.ToString());
        Assert.Equal(Render(new DocumentTemplates(null), Batch("vi"), []), html);
    }

    [Fact]
    public void An_override_naming_a_value_the_model_lacks_is_reported_and_the_shipped_one_is_used()
    {
        File.WriteAllText(Path.Combine(_overrides, "notices.en.html.sbn"), "ok\n  {{ deadline }}\n");
        var problems = new List<TemplateProblem>();

        var html = Render(new DocumentTemplates(_overrides), Batch("en"), problems);

        var problem = Assert.Single(problems);
        Assert.Equal((2, 6), (problem.Line, problem.Column));
        Assert.Contains("deadline", problem.Message, StringComparison.Ordinal);
        Assert.Contains("<h1>NOTICE</h1>", html, StringComparison.Ordinal);
    }
}
