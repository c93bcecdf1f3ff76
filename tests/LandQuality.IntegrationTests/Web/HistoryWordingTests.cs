using System.Net;
using System.Text.Json;
using static LandQuality.IntegrationTests.Web.WebScenario;

namespace LandQuality.IntegrationTests.Web;

/// <summary>
/// Regression: the auditor's history page and the case page showed the stored words — <c>task_claimed</c>,
/// <c>submit_corrections</c>, <c>proposed</c>. They read in Vietnamese (English in the English culture); the
/// exports keep the stored kind for programs and add it in Vietnamese.
/// </summary>
public sealed class HistoryWordingTests(WebScenario web) : IClassFixture<WebScenario>
{
    static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    /// <summary>The page's text as a reader sees it (Razor may write Vietnamese letters as character references).</summary>
    static async Task<string> PageAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_auditor_reads_the_history_in_Vietnamese_and_in_English_with_the_English_culture()
    {
        var (parcelId, _) = await web.TaskAtAsync("department", Commune);
        using var vietnamese = await web.SignedInAsync("kiemtoan");
        using var english = await web.SignedInAsync("kiemtoan", english: true);

        var vi = await PageAsync(vietnamese, $"/parcels/{parcelId}/history");
        var en = await PageAsync(english, $"/parcels/{parcelId}/history");

        foreach (var kind in new[] { "Mở hồ sơ", "Giao việc", "Nhận việc", "Đề xuất chỉnh sửa", "Quyết định" })
            Assert.Contains($"<span class=\"kind\">{kind}</span>", vi, StringComparison.Ordinal);
        Assert.Contains("quyết định: Gửi chỉnh sửa (bước Xã/phường rà soát → Sở thẩm định); lý do: address checked on site", vi, StringComparison.Ordinal);
        Assert.Contains("cho Chuyên viên Sở NN&MT tại 46", vi, StringComparison.Ordinal);
        foreach (var stored in new[] { "task_claimed", "case_opened", "correction_proposed", "submit_corrections", "department_reviewer" })
            Assert.DoesNotContain(stored, vi, StringComparison.Ordinal);
        Assert.Contains("<span class=\"kind\">Task claimed</span>", en, StringComparison.Ordinal);
        Assert.Contains("decision: Submit corrections (stage Commune review → Department check)", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_exports_keep_the_stored_kind_and_add_it_in_Vietnamese()
    {
        var (parcelId, _) = await web.TaskAtAsync("department", Commune);
        using var auditor = await web.SignedInAsync("kiemtoan", english: true); // the Vietnamese column whatever the page's language

        var csv = (await PageAsync(auditor, $"/parcels/{parcelId}/history?handler=Export&format=csv")).TrimStart('\uFEFF');
        using var json = JsonDocument.Parse(await PageAsync(auditor, $"/parcels/{parcelId}/history?handler=Export&format=json"));

        Assert.StartsWith("at,actor,kind,kind_vi,details\n", csv, StringComparison.Ordinal);
        Assert.Contains($",\"{OfficerOf(Commune)}\",\"task_claimed\",\"Nhận việc\",", csv, StringComparison.Ordinal);
        Assert.Contains(json.RootElement.EnumerateArray(), l => l.GetProperty("kind").GetString() == "correction_proposed"
            && l.GetProperty("kind_vi").GetString() == "Đề xuất chỉnh sửa");
    }

    [Fact]
    public async Task The_history_API_names_decisions_and_stages_in_the_language_asked_for()
    {
        var (parcelId, _) = await web.TaskAtAsync("department", Commune);
        using var api = await web.ApiAsAsync("kiemtoan");

        var vi = await api.GetStringAsync($"/api/parcels/{parcelId}/history");
        var en = await api.GetStringAsync($"/api/parcels/{parcelId}/history?lang=en");

        Assert.Contains("quyết định: Gửi chỉnh sửa (bước Xã/phường rà soát → Sở thẩm định)", vi, StringComparison.Ordinal);
        Assert.DoesNotContain("submit_corrections", vi, StringComparison.Ordinal);
        Assert.Contains("decision: Submit corrections (stage Commune review → Department check)", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_case_page_names_the_corrections_status_in_Vietnamese()
    {
        var (_, taskId) = await web.TaskAtAsync("department", Commune);
        using var department = await web.SignedInAsync(DepartmentOf(Commune));

        var page = await PageAsync(department, $"/tasks/{taskId}");

        Assert.Contains("→ <ins>Kiệt 99 Lê Lợi</ins> · đang đề xuất (", page, StringComparison.Ordinal);
        Assert.DoesNotContain("· proposed", page, StringComparison.Ordinal);
    }
}
