using System.Globalization;
using LandQuality.Documents;
using LandQuality.Documents.ProgressReports;
using LandQuality.IntegrationTests.Web;
using LandQuality.Progress;
using static LandQuality.IntegrationTests.Web.WebScenario;

namespace LandQuality.IntegrationTests.Documents;

/// <summary>The province and commune progress reports: the dashboard's figures, equal to plain counts of the tables, in Vietnamese.</summary>
public sealed class ProgressReportTests(WebScenario web) : IClassFixture<WebScenario>
{
    static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    Task<ProgressReport> ReportAsync(string code, string lang = "vi") =>
        new ProgressReportSource(web.Db.Database).LoadAsync(code, lang, s => s == "commune" ? "Xã/phường rà soát" : s, "test", DateTimeOffset.UtcNow, CancellationToken.None);

    async Task<string> CountAsync(string sql) => (await web.Db.ScalarAsync(sql)).ToString("N0", Vietnamese);

    [Fact]
    public async Task The_province_report_counts_what_the_tables_hold_and_ranks_every_commune()
    {
        await web.TaskAtAsync("department", Commune);

        var report = await ReportAsync("46");

        Assert.Equal(("province", "Thành phố Huế"), (report.Kind, report.Name));
        Assert.Equal(await CountAsync("SELECT count(*) FROM parcels WHERE retired_at IS NULL AND commune_code LIKE '19%'"), report.Totals.Parcels);
        Assert.Equal(await CountAsync("""
            SELECT count(*) FROM parcels p JOIN parcel_status s USING (parcel_id)
            WHERE p.retired_at IS NULL AND s.correct AND s.sufficient AND s.clean AND s.alive AND p.commune_code LIKE '19%'
            """), report.Totals.Verified);
        Assert.Equal(await CountAsync($"SELECT count(*) FROM review_cases WHERE status = 'Open' AND commune_code = '{Commune}'"),
            report.Communes.Single(c => c.Code == Commune).OpenCases);
        Assert.Equal(40, report.Communes.Count);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => i.ToString(Vietnamese)), report.Communes.Select(c => c.Rank));
        Assert.Matches("^[0-9]+,[0-9]%$", report.Totals.VerifiedPercent); // 51,4% in Vietnamese
    }

    [Fact]
    public async Task The_commune_report_is_the_communes_dashboard_and_renders_in_Vietnamese()
    {
        await web.TaskAtAsync("commune", Commune);
        var dashboard = await DashboardQuery.LoadAsync(web.Db.Database, DashboardScope.ForJurisdiction(Commune)!, DateTimeOffset.UtcNow, CancellationToken.None);

        var report = await ReportAsync(Commune);
        var html = new DocumentTemplates(null).Render("progress.vi.html.sbn", report, []);

        Assert.Equal("commune", report.Kind);
        Assert.Empty(report.Communes);
        Assert.Equal(dashboard.Totals.Parcels.ToString("N0", Vietnamese), report.Totals.Parcels);
        Assert.Equal(dashboard.Totals.OpenCases.ToString("N0", Vietnamese), report.Totals.OpenCases);
        Assert.Contains("<h1>BÁO CÁO TIẾN ĐỘ LÀM SẠCH CƠ SỞ DỮ LIỆU ĐẤT ĐAI</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Phường Phú Xuân (19753)", html, StringComparison.Ordinal);
        Assert.Contains("Đang ở khâu: Xã/phường rà soát", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Xếp hạng", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_report_is_compared_with_the_last_report_of_its_scope_and_recorded()
    {
        await web.TaskAtAsync("commune", OtherCommune);

        var first = await ReportAsync(OtherCommune);
        var second = await ReportAsync(OtherCommune);

        Assert.Null(first.ComparedWith);
        Assert.Null(first.Totals.Change);
        Assert.Equal(first.MadeAt, second.ComparedWith);
        Assert.Equal("0,0", second.Totals.Change); // nothing changed between the two
        Assert.Equal(2, await web.Db.ScalarAsync($"SELECT count(*) FROM progress_reports WHERE scope_code = '{OtherCommune}' AND made_by = 'test'"));
        Assert.Contains("so với báo cáo lập lúc " + first.MadeAt, new DocumentTemplates(null).Render("progress.vi.html.sbn", second, []), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_code_is_refused_by_name()
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => ReportAsync("00000"));

        Assert.Contains("\"00000\" không phải mã", refused.Message, StringComparison.Ordinal);
    }
}

/// <summary>The progress reports from the web, within the reader's jurisdiction.</summary>
public sealed class ProgressReportPageTests(WebScenario web) : IClassFixture<WebScenario>
{
    [Fact]
    public async Task Province_staff_download_the_province_and_its_communes_reports()
    {
        using var department = await web.SignedInAsync("so.1");
        Assert.Contains("href=\"/reports/progress/46\"", await department.GetStringAsync("/dashboard"), StringComparison.Ordinal);

        using var province = await department.GetAsync("/reports/progress/46");
        using var commune = await department.GetAsync($"/reports/progress/{Commune}");

        Assert.Equal(System.Net.HttpStatusCode.OK, province.StatusCode);
        Assert.Equal("progress-46.vi.html", province.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("Xếp hạng xã/phường theo tỷ lệ đạt", await province.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, commune.StatusCode);
        Assert.Contains("Phường Phú Xuân (19753)", await commune.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_commune_officer_gets_their_commune_only()
    {
        using var officer = await web.SignedInAsync(OfficerOf(Commune));

        using var own = await officer.GetAsync($"/reports/progress/{Commune}");
        using var province = await officer.GetAsync("/reports/progress/46");
        using var other = await officer.GetAsync($"/reports/progress/{OtherCommune}");

        Assert.Equal(System.Net.HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, province.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, other.StatusCode);
    }
}
