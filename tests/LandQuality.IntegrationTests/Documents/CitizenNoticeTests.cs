using System.Text;
using LandQuality.Documents;
using LandQuality.Documents.Notices;
using LandQuality.IntegrationTests.Review;

namespace LandQuality.IntegrationTests.Documents;

/// <summary><c>lq notices</c>: one notice per owner and parcel with an open case, saying what is wrong and which papers to bring, by when.</summary>
public sealed class CitizenNoticeTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), $"lq-notices-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_commune_gets_a_notice_per_owner_and_parcel_with_the_papers_that_settle_its_findings()
    {
        var scenario = new ReviewScenario(db);
        await scenario.AddParcelAsync("NOTICE-1", 911, "name_differs_from_registry");
        await scenario.AddParcelAsync("NOTICE-2", 912, "missing_certificate_serial");
        await scenario.OpenCasesAsync();

        var notices = await new NoticeSource(db.Database).LoadAsync(ReviewScenario.Commune, new DateOnly(2025, 10, 1), CancellationToken.None);

        var name = Assert.Single(notices.Vi.Notices, n => n.ParcelId == "NOTICE-1");
        Assert.Equal(("Ông", "Nguyễn Văn Bình", "046*******11"), (name.Salutation, name.OwnerName, name.IdNumber));
        Assert.Equal(["Họ tên khác với họ tên trong Cơ sở dữ liệu quốc gia về dân cư."], name.Problems);
        Assert.Equal([CitizenPapers.IdCard.Vi], name.Papers);
        var serial = Assert.Single(notices.Vi.Notices, n => n.ParcelId == "NOTICE-2");
        Assert.Equal([CitizenPapers.Certificate.Vi], serial.Papers);
        Assert.Equal("15/11/2025", notices.Vi.Due); // the workflow's citizenDocumentsDue
        Assert.Equal("Ủy ban nhân dân phường Phú Xuân", notices.Vi.CommitteeName);
        Assert.Equal("Mr", Assert.Single(notices.En.Notices, n => n.ParcelId == "NOTICE-1").Salutation);
        Assert.Contains(CitizenPapers.IdCard.En, notices.En.Notices.Single(n => n.ParcelId == "NOTICE-1").Papers);
    }

    [Fact]
    public async Task The_batch_is_written_as_printable_HTML_in_both_languages_a_register_and_a_PDF()
    {
        var scenario = new ReviewScenario(db);
        await scenario.AddParcelAsync("NOTICE-3", 913, "name_differs_from_registry");
        await scenario.OpenCasesAsync();
        var notices = await new NoticeSource(db.Database).LoadAsync(ReviewScenario.Commune, new DateOnly(2025, 10, 1), CancellationToken.None);

        var written = await NoticeFiles.WriteAsync(notices, new DocumentTemplates(null), _folder, CancellationToken.None);

        Assert.Empty(written.TemplateProblems);
        var vi = await File.ReadAllTextAsync(Path.Combine(_folder, $"notices-{ReviewScenario.Commune}.vi.html"), Encoding.UTF8);
        Assert.True(vi.IsNormalized(NormalizationForm.FormC));
        Assert.Contains("<h1>THÔNG BÁO</h1>", vi, StringComparison.Ordinal);
        Assert.Contains("mã thửa NOTICE-3", vi, StringComparison.Ordinal);
        Assert.Contains("trước ngày 15/11/2025", vi, StringComparison.Ordinal);
        Assert.DoesNotContain("046080000913", vi, StringComparison.Ordinal); // the ID number travels masked
        Assert.Contains("<h1>NOTICE</h1>", await File.ReadAllTextAsync(Path.Combine(_folder, $"notices-{ReviewScenario.Commune}.en.html")), StringComparison.Ordinal);
        var register = await File.ReadAllLinesAsync(Path.Combine(_folder, $"notices-{ReviewScenario.Commune}.csv"));
        Assert.Equal(notices.Vi.Notices.Count + 1, register.Length);
        Assert.Contains(register, l => l.Contains(",\"Nguyễn Văn Bình\",\"046*******13\",\"NOTICE-3\",", StringComparison.Ordinal));
        // CI installs Chromium for the browser tests; where it is missing the batch says so instead of printing.
        var pdf = Path.Combine(_folder, $"notices-{ReviewScenario.Commune}.vi.pdf");
        if (File.Exists(ChromiumPdf.Executable))
        {
            Assert.Null(written.PdfSkipped);
            Assert.Equal("%PDF"u8.ToArray(), (await File.ReadAllBytesAsync(pdf))[..4]);
        }
        else
            Assert.NotNull(written.PdfSkipped);
    }

    [Fact]
    public async Task An_unknown_commune_is_refused_by_name()
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            new NoticeSource(db.Database).LoadAsync("99999", new DateOnly(2025, 10, 1), CancellationToken.None));

        Assert.Contains("\"99999\" không phải mã xã/phường", refused.Message, StringComparison.Ordinal);
    }
}
