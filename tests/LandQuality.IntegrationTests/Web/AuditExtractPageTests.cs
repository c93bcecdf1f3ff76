using System.Net;
using static LandQuality.IntegrationTests.Web.WebScenario;

namespace LandQuality.IntegrationTests.Web;

/// <summary>The history page's printable audit extract: the same template as <c>lq report audit</c>, only within the reader's jurisdiction.</summary>
public sealed class AuditExtractPageTests(WebScenario web) : IClassFixture<WebScenario>
{
    [Fact]
    public async Task The_auditor_downloads_the_extract_with_the_integrity_check_in_Vietnamese()
    {
        var (parcelId, _) = await web.TaskAtAsync("department", Commune);
        using var auditor = await web.SignedInAsync("kiemtoan");

        using var response = await auditor.GetAsync($"/parcels/{parcelId}/history?handler=Extract");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"audit-{parcelId}.html", response.Content.Headers.ContentDisposition?.FileName);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<h1>Trích lục lịch sử thửa đất {parcelId}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Kiểm tra tính toàn vẹn: lịch sử nguyên vẹn", html, StringComparison.Ordinal);
        Assert.Contains("Nhận việc", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_commune_officer_gets_no_extract_of_another_commune()
    {
        var (parcelId, _) = await web.TaskAtAsync("department", Commune);
        using var elsewhere = await web.SignedInAsync(OfficerOf(OtherCommune));

        using var response = await elsewhere.GetAsync($"/parcels/{parcelId}/history?handler=Extract");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(parcelId, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>The commune's citizen notices from the web: its land officers get them, nobody else.</summary>
public sealed class NoticePageTests(WebScenario web) : IClassFixture<WebScenario>
{
    [Fact]
    public async Task A_commune_officer_downloads_the_notices_of_their_commune_from_the_queue()
    {
        await web.TaskAtAsync("commune", Commune);
        using var officer = await web.SignedInAsync(OfficerOf(Commune));
        var queue = WebUtility.HtmlDecode(await officer.GetStringAsync("/queue"));
        Assert.Contains($"<a href=\"/notices/{Commune}\">", queue, StringComparison.Ordinal);

        using var response = await officer.GetAsync($"/notices/{Commune}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"notices-{Commune}.vi.html", response.Content.Headers.ContentDisposition?.FileName);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>THÔNG BÁO</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Ủy ban nhân dân phường Phú Xuân", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xa.19774.1", Commune)] // another commune's officer
    [InlineData("so.1", Commune)] // a department reviewer: sending notices is the commune's work
    [InlineData("kiemtoan", Commune)]
    public async Task Anyone_but_the_communes_own_officers_is_not_found(string user, string commune)
    {
        using var browser = await web.SignedInAsync(user);

        using var response = await browser.GetAsync($"/notices/{commune}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
