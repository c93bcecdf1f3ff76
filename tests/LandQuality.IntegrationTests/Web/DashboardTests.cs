using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using LandQuality.IntegrationTests.Review;
using LandQuality.Progress;
using LandQuality.Review.Cases;
using static LandQuality.IntegrationTests.Web.WebScenario;

namespace LandQuality.IntegrationTests.Web;

/// <summary>
/// The dashboard against plain SQL over the same data, after the scenario's evaluation and after decisions
/// that verify a parcel (whose re-evaluation goes through the summary's triggers, not a run), park one and
/// correct another; and what each role may see of it.
/// </summary>
public sealed class DashboardTests(WebScenario web) : IClassFixture<WebScenario>
{
    const string RegistryName = "Nguyễn Văn Bính";

    static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await JsonAsync(response);
    }

    /// <summary>Per commune of Huế, straight from the tables: parcels, verified, failing per dimension, open cases per stage, overdue, closed since Monday.</summary>
    async Task<Dictionary<string, Dictionary<string, long>>> PlainCountsAsync()
    {
        var weekStart = DashboardQuery.WeekStart(DateTimeOffset.UtcNow).ToUniversalTime();
        await using var cmd = web.Db.Database.DataSource.CreateCommand("""
            SELECT p.commune_code::text, 'parcels', count(*) FROM parcels p WHERE p.retired_at IS NULL GROUP BY 1
            UNION ALL SELECT p.commune_code::text, 'verified', count(*) FROM parcels p JOIN parcel_status s USING (parcel_id)
                WHERE p.retired_at IS NULL AND s.correct AND s.sufficient AND s.clean AND s.alive GROUP BY 1
            UNION ALL SELECT p.commune_code::text, 'failing_correct', count(*) FROM parcels p JOIN parcel_status s USING (parcel_id)
                WHERE p.retired_at IS NULL AND NOT s.correct GROUP BY 1
            UNION ALL SELECT p.commune_code::text, 'failing_sufficient', count(*) FROM parcels p JOIN parcel_status s USING (parcel_id)
                WHERE p.retired_at IS NULL AND NOT s.sufficient GROUP BY 1
            UNION ALL SELECT p.commune_code::text, 'failing_clean', count(*) FROM parcels p JOIN parcel_status s USING (parcel_id)
                WHERE p.retired_at IS NULL AND NOT s.clean GROUP BY 1
            UNION ALL SELECT p.commune_code::text, 'failing_alive', count(*) FROM parcels p JOIN parcel_status s USING (parcel_id)
                WHERE p.retired_at IS NULL AND NOT s.alive GROUP BY 1
            UNION ALL SELECT commune_code, 'open:' || stage, count(*) FROM review_cases WHERE status = 'Open' GROUP BY 1, 2
            UNION ALL SELECT c.commune_code, 'overdue', count(*) FROM review_tasks t JOIN review_cases c ON c.id = t.case_id
                WHERE t.status IN ('Open', 'Claimed') AND t.due_at < now() GROUP BY 1
            UNION ALL SELECT commune_code, 'closed_this_week', count(*) FROM review_cases WHERE closed_at >= $1 GROUP BY 1
            """);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<DateTimeOffset> { TypedValue = weekStart });
        var counts = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            if (!counts.TryGetValue(r.GetString(0), out var of))
                counts[r.GetString(0)] = of = new Dictionary<string, long>(StringComparer.Ordinal);
            of[r.GetString(1)] = r.GetInt64(2);
        }
        return counts;
    }

    static void AssertEqualsPlain(Dictionary<string, long> plain, JsonElement figures)
    {
        var code = figures.GetProperty("code").GetString();
        foreach (var name in new[] { "parcels", "verified", "failing_correct", "failing_sufficient", "failing_clean", "failing_alive", "overdue", "closed_this_week" })
            Assert.True(plain.GetValueOrDefault(name) == figures.GetProperty(name).GetInt64(),
                $"{code} {name}: SQL {plain.GetValueOrDefault(name)}, dashboard {figures.GetProperty(name).GetInt64()}");
        var open = figures.GetProperty("open_cases_by_stage").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(plain.Where(kv => kv.Key.StartsWith("open:", StringComparison.Ordinal)).ToDictionary(kv => kv.Key[5..], kv => kv.Value)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal), open.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    async Task AssertProvinceEqualsPlainAsync()
    {
        using var department = await web.ApiAsAsync("so.1");
        var dashboard = await OkAsync(department.GetAsync("/api/dashboard"));
        var plain = await PlainCountsAsync();
        Assert.Equal("46", dashboard.GetProperty("scope").GetProperty("code").GetString());
        var ranking = dashboard.GetProperty("ranking").EnumerateArray().ToList();
        Assert.Equal(40, ranking.Count); // every commune of Huế, those without parcels too
        foreach (var row in ranking)
        {
            var figures = row.GetProperty("figures");
            AssertEqualsPlain(plain.GetValueOrDefault(figures.GetProperty("code").GetString()!) ?? [], figures);
        }
        var huế = plain.Where(kv => kv.Key != OtherProvince).SelectMany(kv => kv.Value)
            .GroupBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);
        AssertEqualsPlain(huế, dashboard.GetProperty("totals"));
        // The emulation: ranked by the share verified, best first.
        var shares = ranking.Select(r => r.GetProperty("figures").GetProperty("verified_share").GetDouble()).ToList();
        Assert.Equal(shares.OrderByDescending(s => s), shares);
        Assert.Equal(Enumerable.Range(1, 40), ranking.Select(r => r.GetProperty("rank").GetInt32()));
    }

    [Fact]
    public async Task The_figures_equal_plain_sql_counts_after_the_evaluation_and_after_decisions()
    {
        await AssertProvinceEqualsPlainAsync();

        var scenario = new ReviewScenario(web.Db);
        var verified = web.TakeParcel(Commune);
        await scenario.ActAsync(OfficerOf(Commune), verified, "submit_corrections", "the ID card reads as the registry",
            new FieldChange("owners[1].full_name", RegistryName));
        await scenario.ActAsync("so.1", verified, "approve");
        var outcome = await scenario.ActAsync("ca.1", verified, "confirm");
        Assert.Equal("verified", outcome.AfterReevaluation);
        var parked = web.TakeParcel(OtherCommune);
        await scenario.ActAsync(OfficerOf(OtherCommune), parked, "disputed", "two families claim it");
        var corrected = web.TakeParcel(Commune);
        await scenario.ActAsync(OfficerOf(Commune), corrected, "submit_corrections", "address checked on site", new FieldChange("address", "Kiệt 99 Lê Lợi"));

        await AssertProvinceEqualsPlainAsync();
        using var officer = await web.ApiAsAsync(OfficerOf(Commune));
        var mine = await OkAsync(officer.GetAsync("/api/dashboard"));
        Assert.True(mine.GetProperty("totals").GetProperty("verified").GetInt64() >= 1);
        Assert.True(mine.GetProperty("totals").GetProperty("closed_this_week").GetInt64() >= 1);

        // A run's recount lands on the same figures, and drops the changes it counted.
        await CommuneProgress.RefreshAsync(web.Db.Database, null, CancellationToken.None);
        await AssertProvinceEqualsPlainAsync();
        await using var changes = web.Db.Database.DataSource.CreateCommand(
            "SELECT (SELECT count(*) FROM commune_progress_changes) + (SELECT count(*) FROM commune_case_progress_changes)");
        Assert.Equal(0L, (long)(await changes.ExecuteScalarAsync())!);
    }

    /// <summary>A duplicate retired as ParcelRetirement retires it: the parcel marked, its case parked, its verdict deleted (the triggers' paths).</summary>
    [Fact]
    public async Task A_retired_duplicate_leaves_the_figures_equal_to_plain_sql_counts()
    {
        var retired = web.TakeParcel(OtherCommune);
        await using (var conn = await web.Db.Database.DataSource.OpenConnectionAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            foreach (var sql in new[]
                     {
                         "UPDATE parcels SET retired_at = now(), retired_by = 'test' WHERE parcel_id = $1",
                         "UPDATE review_cases SET status = 'Parked', stage = 'retired', closed_at = now() WHERE parcel_id = $1 AND status = 'Open'",
                         "DELETE FROM parcel_status WHERE parcel_id = $1",
                     })
            {
                await using var cmd = new Npgsql.NpgsqlCommand(sql, conn, tx);
                cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = retired });
                Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
            }
            await tx.CommitAsync();
        }
        await AssertProvinceEqualsPlainAsync();
    }

    [Fact]
    public async Task A_commune_officer_sees_their_commune_only_and_anything_outside_is_not_found()
    {
        using var officer = await web.ApiAsAsync(OfficerOf(Commune));
        var mine = await OkAsync(officer.GetAsync("/api/dashboard"));
        Assert.Equal((Commune, false), (mine.GetProperty("scope").GetProperty("code").GetString(), mine.GetProperty("scope").GetProperty("is_province").GetBoolean()));
        Assert.Equal(Commune, mine.GetProperty("ranking").EnumerateArray().Single().GetProperty("figures").GetProperty("code").GetString());
        await OkAsync(officer.GetAsync($"/api/dashboard/communes/{Commune}"));
        using (var other = await officer.GetAsync($"/api/dashboard/communes/{OtherCommune}"))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        using var department = await web.ApiAsAsync("so.1");
        await OkAsync(department.GetAsync($"/api/dashboard/communes/{OtherCommune}"));
        using (var daNang = await department.GetAsync($"/api/dashboard/communes/{OtherProvince}"))
            Assert.Equal(HttpStatusCode.NotFound, daNang.StatusCode);

        using var anonymous = web.Browser();
        using (var noToken = await anonymous.GetAsync("/api/dashboard"))
            Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);

        using var browser = await web.SignedInAsync(OfficerOf(Commune));
        using (var page = await browser.GetAsync($"/dashboard/communes/{OtherCommune}"))
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        using (var chart = await browser.GetAsync($"/dashboard/communes/{OtherCommune}/progress.svg"))
            Assert.Equal(HttpStatusCode.NotFound, chart.StatusCode);
        var own = await browser.GetStringAsync("/dashboard");
        Assert.Contains("Phường Phú Xuân", own, StringComparison.Ordinal);
        Assert.DoesNotContain("Phường Kim Long", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_province_page_is_in_vietnamese_with_the_communes_ranked_and_in_english_on_request()
    {
        using var browser = await web.SignedInAsync("so.1");
        var page = await browser.GetStringAsync("/dashboard");
        foreach (var text in new[] { "Tiến độ chiến dịch đúng – đủ – sạch – sống", "Xếp hạng thi đua các xã, phường", "Chưa sạch", "Quá hạn",
                     "Phường Phú Xuân", "Phường Kim Long", "/dashboard/communes/19753", "/dashboard/progress.svg" })
            Assert.Contains(text.Normalize(System.Text.NormalizationForm.FormC), page, StringComparison.Ordinal);
        Assert.DoesNotContain("Hải Vân", page, StringComparison.Ordinal);

        using var english = await web.SignedInAsync("so.2", english: true);
        var inEnglish = await english.GetStringAsync("/dashboard");
        Assert.Contains("Ranking of communes", inEnglish, StringComparison.Ordinal);
        Assert.Contains("Phường Phú Xuân", inEnglish, StringComparison.Ordinal); // names stay as the reference writes them
    }

    [Fact]
    public async Task The_chart_is_well_formed_svg_that_fetches_nothing_from_elsewhere()
    {
        await DailySnapshot.TakeAsync(web.Db.Database, VietnamTime.Day(DateTimeOffset.UtcNow), CancellationToken.None);
        using var browser = await web.SignedInAsync("so.1");
        using var response = await browser.GetAsync("/dashboard/progress.svg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = await response.Content.ReadAsStringAsync();
        var document = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", document.Root!.Name);
        Assert.DoesNotContain(document.Descendants(), e => e.Name.LocalName is "script" or "image" or "foreignObject" or "style");
        // Namespace declarations name URIs; no attribute may point anywhere (href, src, url(...) outside this document).
        var attributes = document.Descendants().SelectMany(e => e.Attributes()).Where(a => !a.IsNamespaceDeclaration).ToList();
        Assert.DoesNotContain(attributes, a => a.Value.Contains("http", StringComparison.OrdinalIgnoreCase)
            || a.Value.Contains("//", StringComparison.Ordinal) || a.Name.LocalName is "href" or "src" or "style");
        Assert.Contains("Tỷ lệ đạt theo ngày", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_daily_snapshot_taken_twice_the_same_day_keeps_one_row_per_commune()
    {
        var day = new DateOnly(2026, 1, 5);
        var first = await DailySnapshot.TakeAsync(web.Db.Database, day, CancellationToken.None);
        var second = await DailySnapshot.TakeAsync(web.Db.Database, day, CancellationToken.None);
        Assert.Equal(first, second);
        await using var cmd = web.Db.Database.DataSource.CreateCommand("SELECT count(*), count(DISTINCT commune_code) FROM commune_progress_daily WHERE day = $1");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<DateOnly> { TypedValue = day });
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        Assert.Equal(3L, r.GetInt64(0)); // the scenario's three communes with parcels
        Assert.Equal(r.GetInt64(0), r.GetInt64(1));
    }
}
